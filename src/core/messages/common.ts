import type { Catalog } from "./index.js";

export const common: Catalog = {
  ko: {
    "error.internal": "처리 중 문제가 생겼어요. 잠시 후 다시 시도해 주세요.",
    "error.query_empty": "검색어를 입력해 주세요. 예: /lookup 람다 타임아웃",
  },
  en: {
    "error.internal": "Something went wrong on our side. Please try again in a moment.",
    "error.query_empty": "Type what to look up, e.g. /lookup lambda timeout",
  },
};
