// Replies worded once for every platform (platforms may add their own icon or markup around them).
import type { AnswerOutcome } from "../cards.js";
import { t, type Locale } from "./index.js";

/** `chosen` is what the member picked, as they would name it ("B"), for the invalid-choice reply. */
export function answerOutcomeText(locale: Locale, outcome: AnswerOutcome, chosen: string): string {
  switch (outcome.kind) {
    case "recorded":
      if (outcome.correct === true) return t(locale, "quiz.recorded_correct", { label: outcome.choiceLabel, points: outcome.points ?? 0 });
      if (outcome.correct === false) return t(locale, "quiz.recorded_wrong", { label: outcome.choiceLabel });
      return t(locale, "quiz.recorded", { label: outcome.choiceLabel });
    case "duplicate":
      return t(locale, "quiz.duplicate", { label: outcome.choiceLabel });
    case "closed":
      return t(locale, "quiz.closed");
    case "unknown_round":
      return t(locale, "quiz.unknown_round");
    case "invalid_choice":
      return t(locale, "quiz.bad_choice", { value: chosen, labels: outcome.validLabels.join(", ") });
  }
}
