import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadNotes } from "../../src/core/notes/load.js";
import { parseNote } from "../../src/core/notes/parse.js";
import { LookupService, MAX_SUGGESTION_CHARS, MAX_SUGGESTIONS, trimAtLine } from "../../src/core/notes/lookup.js";
import { MAX_QUERY_CHARS } from "../../src/core/notes/plan.js";
import { HELD_OUT_SETS } from "../fixtures/lookup-sets.js";

const root = path.resolve(import.meta.dirname, "../..");

/** `count` filler sections "## 기록 i", each of the text given for it: they make words of a test's notes common or rare. */
function records(count: number, text: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => `## 기록 ${i}\n\n${text(i)}\n`).join("\n");
}
let service: LookupService;

beforeAll(() => {
  service = new LookupService(loadNotes(path.join(root, "notes"), root));
});

const top = (q: string, n = 1) => service.lookup(q, { limit: n }).hits.map((h) => `${h.section.file}:${h.section.line} ${h.section.heading}`);
const topHeadings = (q: string, n = 3) => service.lookup(q, { limit: n }).hits.map((h) => h.section.heading);

describe("lookup over the shipped notes", () => {
  it("finds two-syllable Korean words (람다, 샤드)", () => {
    expect(topHeadings("람다")[0]).toMatch(/Lambda/);
    expect(service.lookup("샤드").hits[0]!.section.text).toMatch(/[Ss]hard|샤드/);
  });

  it("treats spacing variants alike (스토리지클래스 = 스토리지 클래스)", () => {
    expect(top("스토리지클래스")).toEqual(top("스토리지 클래스"));
    expect(top("스토리지클래스")[0]).toContain("#48 S3 Storage Classes");
  });

  it("maps Korean transliterations to AWS names (키네시스, 오로라, 다이나모)", () => {
    expect(topHeadings("키네시스 데이터 스트림")[0]).toMatch(/Kinesis Data Streams/);
    expect(topHeadings("오로라")[0]).toMatch(/Aurora/);
    expect(topHeadings("다이나모 TTL")[0]).toBe("11.8. DynamoDB TTL");
  });

  it("understands abbreviations (ddb, asg, sqs, kms) and lowercase", () => {
    expect(topHeadings("ddb streams")).toContain("11.7. DynamoDB Streams");
    expect(topHeadings("asg").some((h) => /Auto Scaling/i.test(h))).toBe(true);
    expect(topHeadings("sqs fifo")[0]).toBe("#70 SQS - FIFO Queue");
    expect(topHeadings("kms").some((h) => /KMS/.test(h))).toBe(true);
    expect(top("ROUTE53 HEALTH CHECK")).toEqual(top("route53 health check"));
  });

  it("forgives small English typos (cloudfrnt, kinesys, dynamdb, lamda)", () => {
    expect(topHeadings("cloudfrnt signed url", 2).some((h) => /Signed URL/.test(h))).toBe(true);
    expect(topHeadings("dynamdb 인덱스")[0]).toBe("11.4. Index");
    expect(top("lamda")).toEqual(top("lambda"));
  });

  it("takes no word two edits away with another first letter for a typo (attention is not retention)", () => {
    const notes = new LookupService(parseNote("notes/data.md", "# 데이터\n\n## 보존\n\nretention 기간은 7일.\n\n## 압축\n\ncompression 은 gzip.\n\n## 분할\n\npartition 으로 나눈다.\n"));
    expect(notes.lookup("attention").hits).toEqual([]);
    expect(notes.lookup("retension").hits[0]?.section.heading).toBe("보존");
  });

  it("takes a name two edits away only for a long word, or one the name goes on past (lightgcn is not lightgbm)", () => {
    const notes = new LookupService(parseNote("notes/ml.md", "# 모델\n\n## 부스팅\n\nlightgbm 으로 학습한다.\n\n## 저장소\n\npostgresql 에 결과를 쌓는다.\n"));
    expect(notes.lookup("lightgcn").hits).toEqual([]);
    expect(notes.lookup("lightgbn").hits[0]?.section.heading).toBe("부스팅");
    expect(notes.lookup("postgres").hits[0]?.section.heading).toBe("저장소");
  });

  it("ranks a section whose heading names the topic above one that only mentions it", () => {
    expect(topHeadings("JWT")[0]).toBe("JWT");
    expect(topHeadings("connection draining")[0]).toBe("#39 Connection Draining");
    expect(topHeadings("EBS 볼륨 타입")[0]).toBe("#28 EBS Volume Type");
  });

  it("returns nothing for a query the notes do not cover, with close headings when there are some", () => {
    for (const q of ["GCP Cloud Run 가격", "Azure Functions 요금", "Terraform state lock", "맛집 추천"]) {
      expect(service.lookup(q).hits, q).toEqual([]);
    }
    expect(service.lookup("Azure Functions 요금").suggestions.map((s) => s.label)).toContain("dva-theory › 16. Step Functions");
  });

  it("offers as close headings only those sharing a whole English word, never an operator's (or is in no Workflow)", () => {
    for (const q of ["' OR 1=1 --", "AND OR NOT", "the what"]) expect(service.lookup(q).suggestions, q).toEqual([]);
    expect(service.lookup("Azure Functions 요금").suggestions.every((s) => /\bfunctions\b/i.test(s.label))).toBe(true);
  });

  it("offers the first five such headings in the notes' order, a Korean word inside a heading's word too (람다 in 람다의)", () => {
    const headings = Array.from({ length: 3000 }, (_, i) => (i === 40 ? "람다의 한계" : i === 20 ? "Cloud 요금" : i === 10 ? "Cloudy 날씨" : i % 500 === 7 ? `람다 메모 ${i}` : `기록 ${i}`));
    const notes = new LookupService(parseNote("notes/many.md", `# 메모\n\n${headings.map((h, i) => `## ${h}\n\n점검 ${i}.\n`).join("\n")}`));
    const result = notes.lookup("람다 cloud gcp azure kubernetes terraform");
    expect(result.hits).toEqual([]);
    expect(result.suggestions.map((s) => s.label)).toEqual(["many › 람다 메모 7", "many › Cloud 요금", "many › 람다의 한계", "many › 람다 메모 507", "many › 람다 메모 1007"]);
  });

  it("does not take another product's name for a Hangul word of the notes that only shares its consonants", () => {
    // react sounds a little like 레코드 (record): that is no reason to answer a question about React hooks with
    // CodeDeploy's hooks. A close spelling still counts: proxy finds 프록시.
    expect(service.lookup("react hooks").hits).toEqual([]);
    expect(service.lookup("hooks").hits.length).toBeGreaterThan(0);
  });

  it("gives each hit its breadcrumb, source note and a score between 0 and 1", () => {
    const [hit] = service.lookup("람다 타임아웃").hits;
    expect(hit!.section.file).toMatch(/^notes\//);
    expect(hit!.section.path.length).toBeGreaterThan(1);
    expect(hit!.score).toBe(1);
    for (const h of service.lookup("람다 타임아웃", { limit: 5 }).hits) expect(h.score).toBeGreaterThan(0);
  });

  it("resolves a suggestion value directly", () => {
    const [s] = service.suggest("EBS Volume T");
    expect(s!.label).toContain("#28 EBS Volume Type");
    const result = service.lookup(s!.value);
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]!.section.heading).toBe("#28 EBS Volume Type");
  });
});

describe("suggest (autocomplete)", () => {
  it("returns at most 25 suggestions of at most 100 characters, Korean and English", () => {
    for (const prefix of ["", "s", "람다", "Lambda", "kinesis", "보안"]) {
      const list = service.suggest(prefix);
      expect(list.length, prefix).toBeLessThanOrEqual(MAX_SUGGESTIONS);
      for (const s of list) {
        expect(s.label.length).toBeLessThanOrEqual(MAX_SUGGESTION_CHARS);
        expect(s.value.length).toBeLessThanOrEqual(100);
      }
    }
    expect(service.suggest("람다").some((s) => /Lambda/.test(s.label))).toBe(true);
    expect(service.suggest("kines")[0]!.label).toMatch(/Kinesis/);
  });

  it("completes Korean as it is typed: syllable prefixes, unfinished syllables, initial consonants", () => {
    expect(service.suggest("키네")[0]!.label).toMatch(/Kinesis/);
    expect(service.suggest("람ㄷ")[0]!.label).toMatch(/Lamb?da/);
    expect(service.suggest("ㄹㄷ")[0]!.label).toMatch(/Lamb?da/);
  });

  it("completes a heading the notes write in Latin letters from its Hangul spelling as it is typed (데드 → Deadlock)", () => {
    const cs = new LookupService(loadNotes(path.join(root, "test/fixtures/notes-cs"), root));
    expect(cs.suggest("데드")[0]!.label).toMatch(/Deadlock/);
    expect(cs.suggest("뮤텍")[0]!.label).toMatch(/Mutex/);
    expect(cs.suggest("세마ㅍ")[0]!.label).toMatch(/Semaphore/);
  });

  it("reads Hangul that begins a Korean word of the notes as Korean, not as a spelling of a Latin heading", () => {
    // The AWS notes write 데드 레터 큐: 데드 is theirs, and does not stand for Data.
    expect(service.suggest("데드")[0]!.label).toMatch(/Dead Letter/);
  });

  it("completes a heading from a later word and across its words (volume ty → EBS Volume Type)", () => {
    expect(service.suggest("volume ty").map((s) => s.label)).toContain("saa-c02-study › #28 EBS Volume Type");
    expect(service.suggest("volumetype").map((s) => s.label)).toContain("saa-c02-study › #28 EBS Volume Type");
  });
});

describe("a corpus larger than the notes", () => {
  it("finds the same sections after many distinct queries have come and gone", () => {
    const before = top("람다 타임아웃", 3);
    // More distinct words than the analyzer keeps for queries: the oldest are dropped, the notes' own are kept.
    // A one-word query between two rounds shifts where the bound falls, so one round reaches it in mid-query.
    for (let i = 0; i < 11_000; i++) service.lookup(`zq${i.toString(36)} 쿼리${i}`);
    service.lookup("zqzzzz");
    for (let i = 0; i < 11_000; i++) service.lookup(`zr${i.toString(36)} 쿼리r${i}`);
    expect(top("람다 타임아웃", 3)).toEqual(before);
  });

  it("ranks equal sections in the order of the notes", () => {
    const notes = parseNote("notes/same.md", "# A\n\n## Mutex\n\n상호 배제 락.\n\n## Mutex\n\n상호 배제 락.\n");
    const same = new LookupService(notes);
    expect(same.lookup("mutex", { limit: 2 }).hits.map((h) => h.section.line)).toEqual([3, 7]);
  });
});

describe("rules that carry to any group's notes", () => {
  it("finds a term though a predicate follows it that the notes never write beside it", () => {
    const notes = new LookupService(
      parseNote("notes/os.md", "# OS\n\n## Swapping\n\n메모리가 모자라면 프로세스를 디스크로 내보낸다.\n\n## Paging\n\n메모리를 고정 크기로 나눈다.\n\n## Segmentation\n\n논리 단위로 나눈다.\n"),
    );
    expect(notes.lookup("스와핑 되면 어떻게 돼").hits[0]?.section.heading).toBe("Swapping");
    expect(notes.lookup("페이징 쓰면 빨라져요?").hits[0]?.section.heading).toBe("Paging");
  });

  it("counts a letter joined to a word as part of the name (t검정 finds t-검정 before F-검정)", () => {
    const notes = new LookupService(parseNote("notes/stats.md", "# 통계\n\n## F-검정\n\n분산 비교, 등분산 확인.\n\n## t-검정\n\n평균 비교, 등분산 가정.\n\n## 카이제곱 검정\n\n범주형 변수.\n"));
    expect(notes.lookup("t검정 등분산").hits[0]?.section.heading).toBe("t-검정");
    expect(notes.lookup("F검정 등분산").hits[0]?.section.heading).toBe("F-검정");
  });

  it("finds a Latin word's Hangul spelling among other words of the notes with its consonants (session → 세션, not 서신 or 소송)", () => {
    const common = records(6, () => "서신과 소송, 소신과 서정에 관한 기록.");
    const notes = new LookupService(parseNote("notes/web.md", `# 웹\n\n${common}\n## 로그인 유지\n\n세션에 로그인 상태를 저장한다.\n`));
    expect(notes.lookup("session").hits[0]?.section.heading).toBe("로그인 유지");
  });

  it("answers a long question by the section that covers its main words, and still not one about another subject", () => {
    const notes = new LookupService(
      parseNote(
        "notes/os.md",
        "# OS\n\n## 스와핑\n\n메모리가 모자라면 프로세스를 통째로 디스크에 내보냈다가 다시 올린다. 디스크 입출력이 많아 느리다.\n\n## 페이징\n\n메모리를 고정 크기 페이지로 나눈다.\n\n## 캐시\n\n자주 쓰는 데이터를 가까이 둔다.\n\n## 스케줄링\n\n어느 프로세스에 CPU를 줄지 정한다.\n",
      ),
    );
    expect(notes.lookup("메모리가 진짜 모자라면 프로세스를 디스크로 내보내는 게 왜 그렇게 느린 건지 솔직히 잘 모르겠어").hits[0]?.section.heading).toBe("스와핑");
    expect(notes.lookup("쿠버네티스 클러스터에서 파드가 계속 재시작되는 원인을 찾는 방법이 궁금해").hits).toEqual([]);
  });

  it("answers a question comparing two things that the notes write in two sections with both", () => {
    const notes = new LookupService(parseNote("notes/net.md", "# 네트워크\n\n## TCP\n\n연결 지향, 순서와 도착을 보장한다.\n\n## UDP\n\n연결 없이 보낸다.\n\n## 정리\n\n계층마다 차이를 표로 본다.\n\n## 라우팅\n\n경로를 고른다.\n"));
    expect(notes.lookup("TCP랑 UDP 차이가 뭐야").hits.slice(0, 2).map((h) => h.section.heading)).toEqual(["TCP", "UDP"]);
    // Either alone is not enough to answer what the notes do not have.
    expect(notes.lookup("TCP랑 QUIC 차이").hits).toEqual([]);
  });

  it("answers a comparison by two sections only where the second has a thing compared that the first lacks", () => {
    const notes = new LookupService(
      parseNote("notes/lang.md", "# 언어\n\n## 파이썬 리스트\n\n리스트는 순서가 있다. 튜플과 달리 바꿀 수 있다.\n\n## 파이썬 튜플\n\n튜플은 바꿀 수 없는 리스트 같은 것.\n\n## 딕셔너리\n\n키로 값을 찾는다.\n\n## 함수\n\n인자를 받아 값을 돌려준다.\n\n## 모듈\n\n파일 하나가 모듈.\n"),
    );
    expect(notes.lookup("리스트랑 튜플 차이").hits.slice(0, 2).map((h) => h.section.heading)).toEqual(["파이썬 리스트", "파이썬 튜플"]);
    // Both sections half-match the same words; what the list is compared with is in neither.
    expect(notes.lookup("파이썬 리스트랑 자바 어레이리스트 차이").hits).toEqual([]);
  });

  it("reads a one-syllable Hangul word with a final consonant as a loanword (팀 → team, 툴 → tool)", () => {
    const notes = new LookupService(parseNote("notes/org.md", "# 조직\n\n## Team Topology\n\n스트림 정렬 조직.\n\n## Tool Chain\n\n빌드와 배포 도구.\n\n## Search\n\n색인으로 찾는다.\n\n## 회고\n\n잘한 점과 아쉬운 점.\n"));
    expect(notes.lookup("팀 구조").hits[0]?.section.heading).toBe("Team Topology");
    expect(notes.lookup("빌드 툴").hits[0]?.section.heading).toBe("Tool Chain");
    // 적 (of 적을) shares search's consonants but is spelt nothing like it.
    expect(notes.lookup("적을 때").hits).toEqual([]);
  });

  it("finds a letter and a word the notes join with a hyphen, typed as one word (xray → X-Ray)", () => {
    const notes = new LookupService(parseNote("notes/img.md", "# 영상\n\n## X-Ray 판독\n\n흉부 사진을 읽는다.\n\n## MRI\n\n자기장으로 찍는다.\n\n## 초음파\n\n소리로 본다.\n"));
    expect(notes.lookup("xray 판독").hits[0]?.section.heading).toBe("X-Ray 판독");
  });

  it("finds nothing for an injection-like query where the notes pair one of its function words with Korean (또는(OR))", () => {
    const notes = new LookupService(
      parseNote("notes/es.md", "# 검색\n\n## bool 쿼리\n\nmust는 그리고(AND), should는 또는(OR), must_not은 부정(NOT).\n\n## match 쿼리\n\n분석한 뒤 찾는다.\n\n## 집계\n\n버킷과 메트릭.\n"),
    );
    expect(notes.lookup("' OR 1=1 --").hits).toEqual([]);
    expect(notes.lookup("OR 조건").hits[0]?.section.heading).toBe("bool 쿼리");
  });

  it("reads whole a Hangul compound spelling a name of the notes that ends as a Korean ending does (델타타임이 → deltaTime)", () => {
    const notes = new LookupService(
      parseNote("notes/engine.md", "# 엔진\n\n## 프레임 보정\n\n이동량에 deltaTime을 곱한다.\n\n## 시간 배율\n\ntimeScale을 줄이면 느려진다.\n\n## 물리\n\n고정 간격으로 돈다.\n"),
    );
    expect(notes.lookup("델타타임이 뭐야").hits[0]?.section.heading).toBe("프레임 보정");
  });

  it("finds an English adjective in -able by the verb it is made of (clickable → 클릭)", () => {
    const notes = new LookupService(parseNote("notes/ui.md", "# UI\n\n## 클릭 처리\n\n마우스로 누르면 핸들러가 불린다.\n\n## 스크롤\n\n목록을 내린다.\n\n## 레이아웃\n\n배치를 정한다.\n"));
    expect(notes.lookup("clickable").hits[0]?.section.heading).toBe("클릭 처리");
  });

  it("weighs nothing for a syllable the notes never write after a name of theirs (가스비, 트래픽량)", () => {
    const notes = new LookupService(
      parseNote("notes/chain.md", "# 체인\n\n## 가스(gas)\n\n연산마다 수수료를 낸다.\n\n## 트래픽 관리\n\n요청이 몰리면 큐에 쌓는다.\n\n## 블록\n\n거래를 묶는다. 블록마다 가스 한도가 있다.\n\n## 컴파일\n\n소스를 바이트코드로 바꾼다. 가스를 덜 쓰게 최적화한다.\n\n## 서명\n\n개인키로 서명한다.\n"),
    );
    expect(notes.lookup("가스비 왜 내는 거야").hits[0]?.section.heading).toBe("가스(gas)");
    expect(notes.lookup("트래픽량 줄이는 법").hits[0]?.section.heading).toBe("트래픽 관리");
  });

  it("finds a short English word the notes spell in one Hangul syllable (zoom → 줌, git → 깃) beside other words, not alone", () => {
    const notes = new LookupService(
      parseNote("notes/app.md", "# 앱\n\n## 핀치 줌\n\n두 손가락 사이 거리로 확대한다.\n\n## 깃 브랜치 전략\n\n기능마다 가지를 나눈다.\n\n## 앵커\n\n위치까지 같이 맞춰 줌. 점에 맞춘다.\n\n## 버튼\n\n누르면 반응한다.\n"),
    );
    expect(notes.lookup("zoom 확대").hits[0]?.section.heading).toBe("핀치 줌");
    expect(notes.lookup("git 전략").hits[0]?.section.heading).toBe("깃 브랜치 전략");
    // One syllable alone is too weak a sign: 줌 is as often 주다's (맞춰 줌), and 점에 is 점 with a particle. (zoom
    // alone finds 핀치 줌 by its Korean, 확대.)
    expect(notes.lookup("zoom").hits.map((h) => h.section.heading)).not.toContain("앵커");
    // 랑 of 거리랑 is a particle, no spelling of long.
    expect(notes.lookup("long").hits).toEqual([]);
  });

  it("takes two English words spelt closely in Hangul as one word as surely as typed (디피헬만 → Diffie-Hellman)", () => {
    const notes = new LookupService(
      parseNote("notes/crypto.md", "# 암호\n\n## Diffie-Hellman\n\n공개된 값만으로 비밀 키를 나눈다.\n\n## Reed-Solomon\n\n오류를 정정한다.\n\n## 해시\n\n고정 길이로 줄이는 원리.\n\n## 서명\n\n개인키로 서명한다.\n"),
    );
    expect(notes.lookup("디피헬만 원리").hits[0]?.section.heading).toBe("Diffie-Hellman");
    expect(notes.lookup("리드솔로몬 원리").hits[0]?.section.heading).toBe("Reed-Solomon");
  });

  it("reads 공식 (formula) as the kind of answer asked, like 이유: notes without the word still answer", () => {
    const notes = new LookupService(
      parseNote("notes/stat.md", "# 통계\n\n## 베이즈 정리\n\n사후 확률은 가능도와 사전 확률의 곱에 비례한다.\n\n## 조건부 확률\n\nB가 일어났을 때 A의 확률.\n\n## 분산\n\n평균에서 떨어진 정도.\n\n## 표본\n\n모집단의 일부.\n"),
    );
    expect(notes.lookup("베이즈 정리 공식").hits[0]?.section.heading).toBe("베이즈 정리");
  });

  it("finds an English word in its Korean too where the notes also write it in English elsewhere (target tracking → 대상 추적)", () => {
    const notes = new LookupService(
      parseNote("notes/ops.md", "# 운영\n\n## 로드 밸런서\n\ntarget group에 인스턴스를 등록한다.\n\n## 조정 정책\n\n대상 추적은 지표를 목표값에 맞춘다. 단계 조정은 경보 크기별로 늘린다.\n\n## 로그\n\n로그를 모은다.\n\n## 경보\n\n임계값을 넘으면 알린다.\n"),
    );
    expect(notes.lookup("target tracking").hits[0]?.section.heading).toBe("조정 정책");
    expect(notes.lookup("target group").hits[0]?.section.heading).toBe("로드 밸런서");
  });

  it("finds a concept by its English word in another form (dimensional → dimension → 차원)", () => {
    const notes = new LookupService(
      parseNote("notes/phys.md", "# 물리\n\n## 단위와 차원 분석\n\n양변의 차원이 같아야 한다.\n\n## 논리 회로\n\nAND, OR 게이트.\n\n## 에너지\n\n보존된다.\n\n## 운동량\n\n충돌 전후에 같다.\n"),
    );
    expect(notes.lookup("dimensional analysis").hits[0]?.section.heading).toBe("단위와 차원 분석");
  });

  it("reads a phrasal verb (set up) as how a question is asked, not as the notes' set", () => {
    const notes = new LookupService(
      parseNote("notes/ds.md", "# 자료구조\n\n## 집합(set)\n\n중복 없는 원소의 모임.\n\n## 해시 테이블\n\n키로 찾는다.\n\n## 트리\n\n계층 구조.\n\n## 그래프\n\n정점과 간선.\n"),
    );
    expect(notes.lookup("set up 방법").hits).toEqual([]);
    expect(notes.lookup("set 중복 제거").hits[0]?.section.heading).toBe("집합(set)");
  });

  it("finds a name the notes spell in Hangul with a last syllable that is also a particle (spearman → 스피어만)", () => {
    const notes = new LookupService(
      parseNote("notes/stat.md", "# 통계\n\n## 스피어만 순위상관\n\n순위로 바꿔서 상관을 본다.\n\n## 허프만 부호\n\n자주 나오는 기호에 짧은 부호를 준다.\n\n## 분산분석\n\n세 집단 평균을 비교한다.\n\n## 회귀\n\n직선을 맞춘다.\n"),
    );
    expect(notes.lookup("spearman").hits[0]?.section.heading).toBe("스피어만 순위상관");
    expect(notes.lookup("huffman").hits[0]?.section.heading).toBe("허프만 부호");
  });

  it("finds an English word in another form than the notes write it (rendering → 렌더, encrypting → encryption)", () => {
    const notes = new LookupService(
      parseNote("notes/infra.md", "# 인프라\n\n## 렌더 트리\n\n화면에 그릴 노드만 모은다.\n\n## Encryption at rest\n\n디스크를 암호화한다.\n\n## 모니터링\n\n지표를 본다.\n"),
    );
    expect(notes.lookup("rendering").hits[0]?.section.heading).toBe("렌더 트리");
    expect(notes.lookup("encrypting").hits[0]?.section.heading).toBe("Encryption at rest");
  });
});

describe("an English phrase the notes write as its initials", () => {
  const notes = new LookupService(parseNote("notes/net.md", "# 네트워크\n\n## DNS 동작\n\n도메인을 IP 주소로 바꾼다.\n\n## 용량\n\n디스크는 최대 10 GB.\n\n## 라우팅\n\n경로를 고른다.\n"));

  it("finds the initials (domain name system → DNS)", () => {
    expect(notes.lookup("domain name system").hits[0]?.section.heading).toBe("DNS 동작");
  });

  it("finds the initials even where the notes use the words elsewhere (network address translation → NAT)", () => {
    const net = new LookupService(
      parseNote("notes/net.md", "# 네트워크\n\n## ARP (Address Resolution Protocol)\n\nIP address로 MAC을 찾는다.\n\n## NAT\n\n사설 주소를 공인 주소로 바꾼다. show ip nat translations\n\n## 라우팅\n\nnetwork 경로를 고른다.\n"),
    );
    expect(net.lookup("network address translation").hits[0]?.section.heading).toBe("NAT");
  });

  it("does not read two words as initials, which are too often something else (GB)", () => {
    expect(notes.lookup("google bigquery").hits).toEqual([]);
  });
});

describe("two words the notes write as one name", () => {
  const notes = new LookupService(
    parseNote("notes/pandas.md", "# 판다스\n\n## 표 다루기\n\nDataFrame으로 행과 열을 다룬다.\n\n## 한 열\n\nSeries는 인덱스가 붙은 값이다.\n\n## 파일 읽기\n\nread_csv로 CSV 파일을 읽는다.\n"),
  );

  it("finds the name from its two English words (data frame → DataFrame)", () => {
    expect(notes.lookup("data frame").hits[0]?.section.heading).toBe("표 다루기");
  });

  it("finds the name from the two words spelt in Hangul (데이터 프레임 → DataFrame)", () => {
    expect(notes.lookup("데이터 프레임").hits[0]?.section.heading).toBe("표 다루기");
  });

  it("joins only words in the order typed", () => {
    expect(notes.lookup("frame data").hits).toEqual([]);
  });
});

describe("an English word alone among Korean ones", () => {
  const notes = new LookupService(
    parseNote("notes/js.md", "# 자바스크립트\n\n## 클로저\n\n함수가 바깥 변수를 가리킬 수 있다.\n\n## this\n\n호출 방식이 가리킬 객체를 정한다.\n\n## 스코프\n\n블록 단위.\n"),
  );

  it("is a name where the notes have it, though English grammar would drop it (this 가리킬)", () => {
    expect(notes.lookup("this 가리킬").hits[0]?.section.heading).toBe("this");
  });

  it("stays English grammar beside other English words (what is this closure)", () => {
    expect(notes.lookup("what is this 클로저").hits[0]?.section.heading).toBe("클로저");
  });
});

describe("letters and a number typed as one", () => {
  const notes = new LookupService(parseNote("notes/hash.md", "# 해시\n\n## 충돌\n\nSHA-1과 MD5는 충돌이 발견됨.\n\n## 솔트\n\n같은 비밀번호도 다른 해시.\n"));

  it("finds the two the notes write apart (sha1 → SHA-1), and the one they write together from the two (md-5 → MD5)", () => {
    expect(notes.lookup("sha1").hits[0]?.section.heading).toBe("충돌");
    expect(notes.lookup("md-5").hits[0]?.section.heading).toBe("충돌");
  });

  it("reads a version after the letters as the number (tls1.3 → TLS 1.3)", () => {
    const tls = new LookupService(parseNote("notes/tls.md", "# TLS\n\n## TLS 1.3\n\n핸드셰이크가 1-RTT로 줄었다.\n\n## 인증서\n\nCA가 서명.\n"));
    expect(tls.lookup("tls1.3 핸드셰이크").hits[0]?.section.heading).toBe("TLS 1.3");
  });
});

describe("a name typed in camel case", () => {
  const notes = new LookupService(parseNote("notes/k8s.md", "# 쿠버네티스\n\n## 네임스페이스\n\n네임스페이스마다 resource quota를 둔다.\n\n## 파드\n\n컨테이너 묶음.\n"));

  it("finds the words its capitals mark where the notes do not write it whole (ResourceQuota)", () => {
    expect(notes.lookup("ResourceQuota").hits[0]?.section.heading).toBe("네임스페이스");
  });

  it("is not split when typed in lower case, which shows no parts", () => {
    expect(notes.lookup("resourcequota").hits).toEqual([]);
  });
});

describe("coverage in the ranking", () => {
  const notes = new LookupService(
    parseNote(
      "notes/crypto.md",
      "# 암호\n\n## DES와 AES\n\nDES 키는 56비트, 블록은 64비트. AES 블록은 128비트, 키는 128비트·192비트·256비트.\n\n## 특수 권한\n\nsetuid, setgid, Sticky 비트: 디렉터리의 파일은 소유자만 지울 수 있다.\n\n## 로그\n\n접근 기록을 남긴다.\n",
    ),
  );

  it("ranks the section with all of the query above one that repeats part of it (스티키 비트)", () => {
    expect(notes.lookup("스티키 비트").hits.map((h) => h.section.heading)).toEqual(["특수 권한", "DES와 AES"]);
  });

  it("still ranks by weight among sections that cover alike (비트)", () => {
    expect(notes.lookup("비트").hits[0]?.section.heading).toBe("DES와 AES");
  });
});

describe("an English name the notes have", () => {
  const notes = new LookupService(
    parseNote("notes/boot.md", "# 스프링 부트\n\n## 프로파일\n\n환경마다 설정 파일을 나눈다. 설정 우선순위는 명령행이 먼저.\n\n## 커넥션 풀\n\n커넥션을 미리 만들어 두고 빌려 쓴다. 기본은 HikariCP.\n\n## 로깅\n\n로그 레벨 설정.\n"),
  );

  it("weighs like a concept, above a common word of the question (hikaricp 설정)", () => {
    expect(notes.lookup("hikaricp 설정").hits[0]?.section.heading).toBe("커넥션 풀");
  });
});

describe("a note's title", () => {
  const notes = new LookupService([
    ...parseNote("notes/tcp.md", "# TCP 정리\n\n## ack와 seq\n\nack는 다음에 받을 바이트 번호.\n\n## 흐름 제어\n\n윈도우 크기.\n"),
    ...parseNote("notes/kafka.md", "# Kafka 정리\n\n## acks\n\nacks=all이면 ISR 전부 기록한 뒤 ack를 보낸다.\n\n## 파티션\n\n순서는 파티션 안에서만.\n", 100),
  ]);

  it("names the subject of its sections, which they do not repeat (kafka acks)", () => {
    expect(notes.lookup("kafka ack").hits[0]?.section.heading).toBe("acks");
    expect(notes.lookup("tcp ack").hits[0]?.section.heading).toBe("ack와 seq");
  });
});

describe("a word of the query in the section as typed", () => {
  const notes = new LookupService(
    parseNote("notes/kafka.md", "# Kafka\n\n## 컨슈머 랙이 계속 쌓였던 건\n\n증상: 주문 컨슈머 lag이 수십만까지 증가.\n\n## 컨슈머 그룹\n\n파티션 하나는 그룹의 컨슈머 하나가 읽는다.\n"),
  );

  it("counts whole, though its Hangul spelling in the heading scores more (consumer lag 계속 늘어남)", () => {
    expect(notes.lookup("consumer lag 계속 늘어남").hits[0]?.section.heading).toBe("컨슈머 랙이 계속 쌓였던 건");
  });
});

describe("an English -ing spelt in Hangul", () => {
  const notes = new LookupService(
    parseNote("notes/cloud.md", "# 클라우드\n\n## 프로비전\n\n용량을 미리 확보해 두는 방식.\n\n## 태그\n\n리소스에 붙이는 키와 값. 이름 규칙을 정해 둔다.\n\n## 비용\n\n규칙 없이 쓰면 비용이 샌다.\n"),
  );

  it("finds the word it is made from where the notes write that (프로비저닝 → 프로비전, 태깅 → 태그)", () => {
    expect(notes.lookup("프로비저닝 방식").hits[0]?.section.heading).toBe("프로비전");
    expect(notes.lookup("태깅 규칙").hits[0]?.section.heading).toBe("태그");
  });

  it("... also where the -ing is a form of a concept the notes do not name (리밸런싱 → 리밸런스)", () => {
    // 리밸런싱 is a form of the vocabulary's rebalancing, which these notes write neither in Hangul nor in English.
    const filler = records(40, (i) => `${i % 4 ? "컨슈머" : "파티션 컨슈머"} 처리 기록 ${i}.`);
    const kafka = new LookupService(parseNote("notes/kafka.md", `# 카프카\n\n## 리밸런스\n\n컨슈머가 늘거나 줄면 파티션을 다시 나눈다.\n\n## 오프셋\n\n컨슈머가 읽은 위치.\n\n${filler}`));
    for (const q of ["리밸런싱", "컨슈머 리밸런싱"]) expect(kafka.lookup(q).hits[0]?.section.heading, q).toBe("리밸런스");
  });
});

describe("a verb before 법 (how to)", () => {
  const notes = new LookupService(
    parseNote("notes/memo.md", "# 암기\n\n## 결합도\n\n자료, 스탬프, 제어, 외부, 공통, 내용 순으로 강해진다.\n\n## 응집도\n\n기능적 응집도가 가장 좋다.\n"),
  );

  it("says how the question is asked, not what about (결합도 외우는 법, 응집도 쓰는 방법)", () => {
    expect(notes.lookup("결합도 외우는 법").hits[0]?.section.heading).toBe("결합도");
    expect(notes.lookup("응집도 쓰는 방법").hits[0]?.section.heading).toBe("응집도");
    expect(notes.lookup("외우는 법").hits).toEqual([]);
  });
});

describe("a word of quantity or degree (여러개, 너무, 가장)", () => {
  const notes = new LookupService(
    parseNote("notes/cache.md", "# 캐시\n\n## 캐시 스탬피드\n\n인기 키가 만료되는 순간 요청이 한꺼번에 DB로 몰린다.\n\n## TTL\n\n키마다 만료 시간을 둔다.\n"),
  );

  it("weighs nothing, so the words it goes with find their section", () => {
    expect(notes.lookup("캐시 여러개 키 만료").hits.length).toBeGreaterThan(0);
    expect(notes.lookup("키 만료 가장 안 좋은 경우").hits.length).toBeGreaterThan(0);
    expect(notes.lookup("너무 여러개 가장").hits).toEqual([]);
  });
});

describe("an English question", () => {
  const notes = new LookupService(
    parseNote("notes/queue.md", "# 큐\n\n## 가시성 타임아웃\n\n컨슈머가 visibility timeout 안에 delete하지 않으면 메시지가 다시 보인다.\n\n## 피터슨 알고리즘\n\nflag와 turn 두 변수로 임계 구역에 하나만 들어가게 한다.\n\n## 배치\n\n메시지를 10개씩 묶어 보낸다.\n"),
  );

  it("reads its auxiliaries and contractions as grammar (what happens if it doesn't delete the message)", () => {
    expect(notes.lookup("what happens if it doesn't delete the message").hits[0]?.section.heading).toBe("가시성 타임아웃");
  });

  it("weighs nothing for its common words the notes do not use (get, again, after, go, one, two), and spells none by sound", () => {
    expect(notes.lookup("why does the message get visible again after the timeout").hits[0]?.section.heading).toBe("가시성 타임아웃");
    expect(notes.lookup("how many messages go in one batch").hits[0]?.section.heading).toBe("배치");
    expect(notes.lookup("peterson algorithm with two flags").hits[0]?.section.heading).toBe("피터슨 알고리즘");
    expect(notes.lookup("get one more again").hits).toEqual([]);
  });

  it("finds a plural's Hangul spelling by its singular (petersons → 피터슨)", () => {
    expect(notes.lookup("petersons algorithm").hits[0]?.section.heading).toBe("피터슨 알고리즘");
  });
});

describe("a question typed as people talk", () => {
  const notes = new LookupService(
    parseNote("notes/ds.md", "# 자료구조\n\n## 해시 테이블\n\n- 평균 O(1) 조회라 리스트보다 훨씬 빠름\n- 충돌은 체이닝으로 처리함\n\n## 연결 리스트\n\n- 삽입 삭제 O(1), 조회 O(n)으로 느림\n\n## 힙\n\n- 최댓값을 O(1)에 꺼냄\n"),
  );

  it("finds a modifier in the noun form the notes write (빠른 → 빠름, 느린 → 느림)", () => {
    expect(notes.lookup("조회 빠른 거").hits[0]?.section.heading).toBe("해시 테이블");
    expect(notes.lookup("조회 느린 자료구조").hits[0]?.section.heading).toBe("연결 리스트");
  });

  it("reads a particle typed apart as a particle, and a word asking for a reason or a process as half a word (힙 은 최댓값 꺼내는 이유, 체이닝 과정)", () => {
    expect(notes.lookup("힙 은 최댓값 꺼내는 이유").hits[0]?.section.heading).toBe("힙");
    expect(notes.lookup("체이닝 과정").hits[0]?.section.heading).toBe("해시 테이블");
    expect(notes.lookup("이유 과정 방식").hits).toEqual([]);
  });
});

describe("a concept of the vocabulary the notes never write", () => {
  // 문맥 교환 (context switching) is a concept of the general vocabulary; these notes write neither form.
  const notes = new LookupService(
    parseNote("notes/os.md", "# OS\n\n## 스케줄러\n\n문맥 저장과 교환 비용이 크다. CPU를 넘길 때마다 레지스터를 저장함.\n\n## 메모리\n\n페이지 교체.\n"),
  );

  it("is read as its words where the notes have them", () => {
    expect(notes.lookup("문맥 교환").hits[0]?.section.heading).toBe("스케줄러");
  });
});

describe("a word whose concept the notes write only inside a longer one", () => {
  // 오류 (error) is written here only in 1종 오류 and 2종 오류, concepts of their own in the vocabulary.
  const notes = new LookupService(
    parseNote("notes/stats.md", "# 통계\n\n## 1종 오류와 2종 오류\n\n1종 오류: 귀무가설이 참인데 기각함. 2종 오류: 거짓인데 채택함.\n\n## 표본\n\n표본 평균과 분산.\n"),
  );

  it("finds that concept's other forms as words (error → 오류)", () => {
    expect(notes.lookup("type 1 error").hits[0]?.section.heading).toBe("1종 오류와 2종 오류");
  });
});

describe("two English words spelt in Hangul as one", () => {
  const notes = new LookupService(
    parseNote("notes/mon.md", "# 모니터링\n\n## 시각화\n\ngrafana dashboard로 지표를 본다. panel을 추가.\n\n## 수집\n\nprometheus가 scrape.\n\n## 알림\n\nslack으로 보냄.\n"),
  );

  it("find the two words the notes write in English (그라파나대시보드 → grafana dashboard)", () => {
    expect(notes.lookup("그라파나대시보드").hits[0]?.section.heading).toBe("시각화");
  });
});

describe("a name of the vocabulary the notes do not have", () => {
  // cors is a concept of the vocabulary; these notes have neither it nor its translation, only 교체, which shares
  // its consonants.
  const notes = new LookupService(
    parseNote("notes/os.md", "# OS\n\n## 페이지 교체\n\n교체 알고리즘: LRU, FIFO. 교체 비용 설정.\n\n## 캐시\n\n교체 정책 설정.\n\n## 동기화\n\n뮤텍스와 세마포어.\n"),
  );

  it("is not taken for a Hangul word that only roughly sounds like it (cors ≠ 교체), but still for a close spelling (mutex → 뮤텍스)", () => {
    expect(notes.lookup("cors 설정").hits).toEqual([]);
    expect(notes.lookup("mutex semaphore").hits[0]?.section.heading).toBe("동기화");
  });
});

describe("a concept named by one English word", () => {
  // throughput is a concept of the vocabulary (처리량); these notes also spell it in Hangul.
  const notes = new LookupService(
    parseNote("notes/perf.md", "# 성능\n\n## 스루풋\n\n초당 처리하는 요청 수. 배치를 키우면 오른다.\n\n## 캐시\n\n처리량은 아니고 지연을 줄임.\n\n## 파티션\n\n날짜별.\n"),
  );

  it("finds the Hangul spelling the notes use besides its translations (throughput → 스루풋)", () => {
    expect(notes.lookup("throughput 배치").hits[0]?.section.heading).toBe("스루풋");
  });
});

describe("a number in a question", () => {
  const notes = new LookupService(
    parseNote("notes/algo.md", "# 알고리즘\n\n## 시간 제한\n\n입력 크기가 크면 O(n log n) 이하로 풀어야 함. 1초에 대략 1억 번 연산.\n\n## 정렬\n\n퀵 정렬, 병합 정렬.\n\n## HTTP\n\n404는 없음, 500은 서버 오류.\n"),
  );

  it("is an example where the notes do not have it (입력 크기 300000), and a word of theirs where they do (404)", () => {
    expect(notes.lookup("입력 크기 300000").hits[0]?.section.heading).toBe("시간 제한");
    expect(notes.lookup("404 에러").hits[0]?.section.heading).toBe("HTTP");
    expect(notes.lookup("300000 1234").hits).toEqual([]);
  });
});

describe("an ordinary English word of a question", () => {
  const notes = new LookupService(
    parseNote("notes/net.md", "# 네트워크\n\n## 임시 포트\n\n클라이언트 쪽 ephemeral 포트는 OS가 정한 범위에서 고른다.\n\n## SYN 플러딩\n\nSYN flood 방어: SYN 쿠키, 백로그 늘리기.\n\n## NAT\n\n공인 IP 하나를 여러 기기가 공유한다.\n"),
  );

  it("finds the Korean word the notes write for it (range → 범위, defense → 방어, sharing → 공유)", () => {
    expect(notes.lookup("ephemeral port range").hits[0]?.section.heading).toBe("임시 포트");
    expect(notes.lookup("syn flood defense").hits[0]?.section.heading).toBe("SYN 플러딩");
    expect(notes.lookup("public ip sharing").hits[0]?.section.heading).toBe("NAT");
  });
});

describe("a question with predicates", () => {
  const notes = new LookupService(
    parseNote("notes/git.md", "# Git\n\n## 브랜치\n\n브랜치는 커밋을 가리키는 포인터. 이름은 나중에 git branch -m 으로 변경 가능.\n\n## 태그\n\n릴리스 표시.\n\n## 원격\n\norigin에 push.\n"),
  );

  it("is long, and needs less of its weight covered, as other long questions (브랜치 이름 변경 안된다고 나오는데 왜 그래)", () => {
    expect(notes.lookup("브랜치 이름 변경 안된다고 나오는데 왜 그래").hits[0]?.section.heading).toBe("브랜치");
  });
});

describe("an English question word the notes pair with a term of theirs (분석 대상(What))", () => {
  const notes = new LookupService(
    parseNote("notes/plan.md", "# 분석 기획\n\n## 분석 주제 유형\n\n분석 대상(What)과 분석 방법(How)을 아는지로 나눈다.\n\n## 최적화\n\n대상과 방법을 모두 안다.\n\n## 빅데이터 특징\n\nvolume, velocity, variety 세 가지.\n"),
  );

  it("is grammar in an English question (what is velocity), and their term alone among Korean words (What 대상)", () => {
    expect(notes.lookup("what is velocity").hits.map((h) => h.section.heading)).toEqual(["빅데이터 특징"]);
    expect(notes.lookup("how velocity variety").hits.map((h) => h.section.heading)).toEqual(["빅데이터 특징"]);
    expect(notes.lookup("What 대상").hits[0]?.section.heading).toBe("분석 주제 유형");
  });
});

describe("English words after a name of the notes, in a Korean question", () => {
  it("are that name's words, not English to translate (docker compose is no 조합), while alone or in English they are", () => {
    const filler = records(20, (i) => `배포 기록 ${i}.`);
    const notes = new LookupService(parseNote("notes/ops.md", `# 운영\n\n## 컨테이너\n\ndocker 로 이미지를 실행한다. 여러 컨테이너를 조합해 서비스를 만든다.\n\n## 빌드\n\ndocker build 로 이미지를 만든다.\n\n${filler}`));
    expect(notes.lookup("docker compose랑 뭐가 달라").hits).toEqual([]);
    expect(notes.lookup("compose 뜻").hits[0]?.section.heading).toBe("컨테이너");
    expect(notes.lookup("how to compose containers with docker").hits[0]?.section.heading).toBe("컨테이너");
  });
});

describe("a dotted name the notes do not write whole", () => {
  it("finds the words the notes write it with (e.target where they write event.target; 169.254 in 169.254.0.0/16)", () => {
    const notes = new LookupService(
      parseNote("notes/dom.md", "# DOM\n\n## 이벤트 위임\n\n부모에서 event.target 으로 자식을 가린다. e.target.closest('li') 를 쓴다.\n\n## 폼\n\n입력값은 value 로 읽는다.\n\n## 주소\n\n링크 로컬 주소는 169.254.0.0/16 이다.\n"),
    );
    expect(notes.lookup("e.target 이 뭐야").hits[0]?.section.heading).toBe("이벤트 위임");
    expect(notes.lookup("169.254 주소").hits[0]?.section.heading).toBe("주소");
  });
});

describe("an English word the notes never use", () => {
  it("is not spelt by a Korean predicate (trill is no 틀려), nor, typed in capitals, by a word its letters' consonants fit (GCC is no 크기)", () => {
    const filler = records(200, (i) => `${i % 10 ? "서버" : "계정 글자"} 점검 기록 ${i}.`);
    const notes = new LookupService(parseNote("notes/ops.md", `# 운영\n\n## 로그인\n\n비밀번호가 틀려 잠긴 계정은 관리자가 푼다.\n\n## 글꼴\n\n글자 크기와 굵기를 정한다.\n\n${filler}`));
    for (const q of ["trill 계정", "trill 잠긴 계정", "GCC 글자", "GCC 글자 크기"]) expect(notes.lookup(q).hits, q).toEqual([]);
    expect(notes.lookup("잠긴 계정").hits[0]?.section.heading).toBe("로그인");
    expect(notes.lookup("글자 크기").hits[0]?.section.heading).toBe("글꼴");
  });
});

describe("an English verb the notes spell in Hangul with -ing", () => {
  it("finds that spelling (poll → 폴링), and no word that ends otherwise (know is no 그냥)", () => {
    const filler = records(200, (i) => `${i % 10 ? "서버" : "상태 확인"} 점검 기록 ${i}.`);
    const notes = new LookupService(parseNote("notes/io.md", `# 입출력\n\n## 폴링\n\n주기적으로 장치 상태를 확인한다. 그냥 돌면 CPU를 낭비한다.\n\n${filler}`));
    for (const q of ["poll", "poll 주기"]) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe("폴링");
    expect(notes.lookup("know").hits).toEqual([]);
  });
});

describe("an acronym the notes write in Latin letters", () => {
  it("is found said letter by letter in Hangul (디엔에스 for DNS, 씨디엔 for CDN)", () => {
    const filler = records(200, (i) => `${i % 10 ? "서버" : "캐시 조회"} 점검 기록 ${i}.`);
    const notes = new LookupService(parseNote("notes/net.md", `# 네트워크\n\n## DNS 캐시\n\n조회 결과를 TTL 동안 캐시한다.\n\n## 영상\n\n비디오는 CDN으로 보낸다.\n\n${filler}`));
    for (const q of ["디엔에스 캐시", "디엔에스가 뭐야"]) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe("DNS 캐시");
    expect(notes.lookup("씨디엔").hits[0]?.section.heading).toBe("영상");
  });

  it("weighs as the acronym typed in Latin letters, the concept it names included (디엔에스 캐시 as DNS 캐시: Route 53)", () => {
    const shipped = new LookupService(loadNotes(path.join(root, "notes"), root));
    expect(shipped.lookup("디엔에스 캐시").hits[0]?.section.heading).toBe(shipped.lookup("DNS 캐시").hits[0]?.section.heading);
    expect(shipped.lookup("디엔에스 캐시").hits[0]?.section.heading).toBe("Amazon Route 53");
    // said with a digit, it is an acronym the AWS notes lack, not a loanword whose consonants fit attach
    expect(shipped.lookup("아이투씨").hits).toEqual([]);
    const net = new LookupService(loadNotes(path.join(root, "test/fixtures/notes-net"), root));
    expect(net.lookup("오에스피에프 에어리어").hits.map((h) => h.section.heading)).toEqual(net.lookup("OSPF 에어리어").hits.map((h) => h.section.heading));
  });
});

describe("a Hangul loanword with a concept's form inside it", () => {
  it("is read whole where the notes write it in Latin letters (디폴트딕트 is defaultdict, not 디폴트 and 딕트)", () => {
    const filler = records(200, (i) => `${i % 10 ? "서버" : "기본값 설정"} 점검 기록 ${i}.`);
    const notes = new LookupService(parseNote("notes/py.md", `# 파이썬\n\n## defaultdict\n\n키가 없으면 기본값을 만들어 준다. default 값은 함수로 준다.\n\n${filler}`));
    for (const q of ["디폴트딕트", "디폴트딕트 쓰는 법", "디폴트 값"]) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe("defaultdict");
  });
});

describe("linear algebra notes that write their terms in Korean", () => {
  const filler = records(40, (i) => `${i % 4 ? "행렬" : "벡터 행렬"} 계산 기록 ${i}.`);
  const notes = new LookupService(
    parseNote("notes/la.md", `# 선형대수\n\n## 행렬식\n\n행렬식이 0이면 역행렬이 없다. 부피가 0으로 찌그러진다.\n\n## 고유벡터\n\n고유 벡터는 변환 뒤에도 방향이 그대로인 벡터.\n\n${filler}`),
  );

  it("find a number in words as the number they write (zero → 0), and weigh mean as the question's grammar", () => {
    expect(notes.lookup("what does it mean when the determinant is zero").hits[0]?.section.heading).toBe("행렬식");
    expect(notes.lookup("determinant zero").hits[0]?.section.heading).toBe("행렬식");
  });

  it("find a concept by a Hangul spelling of its English name, which they never write (아이겐벡터 → eigenvector → 고유 벡터)", () => {
    for (const q of ["아이겐벡터", "아이겐벡터 뜻"]) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe("고유벡터");
  });

  it("... spelt as one word or as two (레이스컨디션, 레이스 컨디션 → race condition → 경쟁 상태)", () => {
    const filler = records(40, (i) => `${i % 4 ? "스레드" : "상태 스레드"} 실행 기록 ${i}.`);
    const os = new LookupService(
      parseNote("notes/os.md", `# 동기화\n\n## 경쟁 상태\n\n두 스레드가 공유 변수를 동시에 고치면 결과가 순서에 따라 달라진다.\n\n## 뮤텍스\n\n한 번에 한 스레드만 들어간다.\n\n${filler}`),
    );
    for (const q of ["레이스컨디션", "레이스 컨디션", "레이스 컨디션 예시"]) expect(os.lookup(q).hits[0]?.section.heading, q).toBe("경쟁 상태");
  });
});

describe("a Hangul word spelt just as the notes' English word sounds (스위스 for swiss)", () => {
  it("counts as that word typed, not as a guess by sound: the section that names it ranks first", () => {
    // 테이블 is common in these notes, swiss rare; as a guess, swiss weighed less than the 테이블 of a heading.
    const filler = records(40, (i) => `${i % 4 ? "맵" : "테이블 맵"} 조회 기록 ${i}.`);
    const notes = new LookupService(
      parseNote("notes/go.md", `# Go\n\n## 맵 내부 구조\n\nGo 1.24부터 swiss table 방식으로 바뀌었다. 버킷 대신 그룹.\n\n## 테이블 주도 테스트\n\n테스트 케이스를 테이블로 두고 반복한다.\n\n${filler}`),
    );
    expect(notes.lookup("스위스 테이블").hits[0]?.section.heading).toBe("맵 내부 구조");
  });
});

describe("a typo in a name with a number (resilence4j)", () => {
  const notes = new LookupService(
    parseNote("notes/java.md", "# 자바\n\n## 서킷 브레이커\n\nresilience4j로 실패율이 넘으면 호출을 끊는다.\n\n## 로깅\n\nlog4j 설정은 xml로 한다.\n\n## 트랜잭션\n\n여러 서비스에 걸친 트랜잭션은 사가로 묶는다.\n"),
  );

  it("is corrected where the number is the same, and only there (log5j is no log4j)", () => {
    expect(notes.lookup("resilince4j").hits[0]?.section.heading).toBe("서킷 브레이커");
    expect(notes.lookup("log5j").hits).toEqual([]);
  });

  it("... and a preposition of an English question weighs nothing (transactions across services)", () => {
    expect(notes.lookup("transactions across services").hits[0]?.section.heading).toBe("트랜잭션");
  });
});

describe("a typo in one word of a name of several (consistant hashing)", () => {
  it("is corrected as a word of that name, not as a concept of its own (dependency alone is another section)", () => {
    const filler = records(40, (i) => `서버 조회 기록 ${i}.`);
    const notes = new LookupService(
      parseNote(
        "notes/dist.md",
        `# 분산\n\n## 일관된 해싱\n\n노드가 바뀌어도 키가 조금만 옮겨진다. 링 위에 가상 노드를 둔다.\n\n## 일관성 모델\n\n강한 일관성과 최종 일관성.\n\n## 의존성 주입\n\n객체를 밖에서 넣어 준다.\n\n## 의존성 관리\n\n패키지 의존성 버전을 고정한다.\n\n${filler}`,
      ),
    );
    expect(notes.lookup("consistant hashing").hits[0]?.section.heading).toBe("일관된 해싱");
    expect(notes.lookup("dependancy injection").hits.map((h) => h.section.heading)).toEqual(["의존성 주입"]);
  });
});

describe("a typo of an English word the notes say in Korean (enviroment)", () => {
  it("is read as the word it is a typo of, with the Korean for it; a short word is not (monkey is no money)", () => {
    const filler = records(40, (i) => `회의 기록 ${i}.`);
    const notes = new LookupService(
      parseNote("notes/dev.md", `# 개발\n\n## 개발 환경\n\n노드 버전과 에디터를 팀 전체가 맞춘다.\n\n## 비용\n\n서버 요금을 줄인다.\n\n${filler}`),
    );
    expect(notes.lookup("enviroment").hits[0]?.section.heading).toBe("개발 환경");
    expect(notes.lookup("monkey").hits).toEqual([]);
  });
});

describe("a name of several words the notes do not have, holding one they do (minimum spanning tree)", () => {
  it("is found by the name it holds (spanning tree, which they write 신장 트리), the other words as words", () => {
    const filler = records(40, (i) => `회의 기록 ${i}.`);
    const notes = new LookupService(
      parseNote(
        "notes/graph.md",
        `# 그래프\n\n## 신장 트리\n\n모든 정점을 잇고 사이클이 없는 부분 그래프.\n\n## 트리 순회\n\n전위, 중위, 후위 순서로 노드를 방문한다.\n\n## 최소 비용 경로\n\n가중치 합이 가장 작은 경로를 찾는다.\n\n${filler}`,
      ),
    );
    expect(notes.lookup("minimum spanning tree").hits[0]?.section.heading).toBe("신장 트리");
  });
});

describe("an English verb in an irregular past form (chosen, built)", () => {
  it("finds the Korean for the verb, as a regular one does (choose: 선택)", () => {
    const filler = records(40, (i) => `회의 기록 ${i}.`);
    const notes = new LookupService(
      parseNote("notes/mq.md", `# 큐\n\n## 리더 선택\n\n브로커 중 하나를 리더로 뽑는다.\n\n## 메시지 순서\n\n파티션 안에서만 순서가 지켜진다.\n\n${filler}`),
    );
    expect(notes.lookup("how is the leader chosen").hits[0]?.section.heading).toBe("리더 선택");
  });
});

describe("an English adjective in its superlative (fastest, slowest)", () => {
  it("finds the Korean for the adjective", () => {
    const filler = records(40, (i) => `회의 기록 ${i}.`);
    const notes = new LookupService(
      parseNote("notes/mem.md", `# 메모리\n\n## 메모리 계층\n\n레지스터가 가장 빠르고 디스크가 가장 느리다.\n\n## 페이지 교체\n\n오래 안 쓴 페이지를 내보낸다.\n\n${filler}`),
    );
    for (const q of ["fastest memory", "which is the slowest"]) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe("메모리 계층");
  });
});

describe("a name with a Roman numeral typed in digits (type 2 error)", () => {
  it("is the name (type ii error, 제2종 오류)", () => {
    const filler = records(40, (i) => `실험 기록 ${i}.`);
    const notes = new LookupService(
      parseNote(
        "notes/stat.md",
        `# 검정\n\n## 제1종 오류\n\n귀무가설이 참인데 기각하는 오류.\n\n## 제2종 오류\n\n귀무가설이 거짓인데 채택하는 오류.\n\n## 표본 크기\n\n오류를 줄이려면 표본을 늘린다.\n\n${filler}`,
      ),
    );
    expect(notes.lookup("type 2 error").hits[0]?.section.heading).toBe("제2종 오류");
    expect(notes.lookup("type 1 error 정의").hits[0]?.section.heading).toBe("제1종 오류");
  });
});

describe("the names of letters and a word spelt in Hangul as one (엑스지부스트)", () => {
  it("finds the name the notes write, a concept of two words or one word of theirs (XGBoost)", () => {
    const filler = records(40, (i) => `실험 기록 ${i}.`);
    const notes = new LookupService(
      parseNote("notes/ml.md", `# 모델\n\n## XGBoost\n\n트리를 차례로 더해 오차를 줄인다.\n\n## 로지스틱 회귀\n\n확률을 시그모이드로 낸다.\n\n${filler}`),
    );
    expect(notes.lookup("엑스지부스트 원리").hits[0]?.section.heading).toBe("XGBoost");
  });
});

describe("an English word the notes have in no way, derived from a stem (kinetic: kinet)", () => {
  it("is not found by a Hangul word that only the stem's consonants fit (카운트), as an inflection is (sampling: 샘플)", () => {
    const filler = records(40, (i) => `서버 점검 기록 ${i}.`);
    const notes = new LookupService(
      parseNote("notes/ops.md", `# 운영\n\n## 방화벽\n\n요청 수를 카운트해서 넘으면 차단한다.\n\n## 표본\n\n로그를 샘플로 뽑아 본다.\n\n${filler}`),
    );
    expect(notes.lookup("kinetic").hits).toEqual([]);
    expect(notes.lookup("sampling").hits[0]?.section.heading).toBe("표본");
  });
});

describe("a question of one English word the notes spell in Hangul only loosely (grammar: 그림)", () => {
  it("finds nothing: so loose a spelling helps other words and answers none alone", () => {
    const filler = records(40, (i) => `서버 점검 기록 ${i}.`);
    const notes = new LookupService(
      parseNote("notes/ops.md", `# 운영\n\n## 장애 분석\n\n원인을 찾으면 그림으로 정리해 공유한다.\n\n## 배포\n\n롤링으로 바꾼다.\n\n${filler}`),
    );
    expect(notes.lookup("grammar").hits).toEqual([]);
    expect(notes.lookup("장애 원인").hits[0]?.section.heading).toBe("장애 분석");
  });
});

describe("a word typed with ㅐ for ㅔ or the other way round (밸만, 래디스), or 쉬 for 시", () => {
  it("finds the word as the notes spell it, where they do not spell it as typed", () => {
    const filler = records(40, (i) => `캐시 조회 기록 ${i}.`);
    const notes = new LookupService(parseNote("notes/rl.md", `# 강화학습\n\n## 벨만 방정식\n\n가치를 다음 상태의 가치로 적는다.\n\n## 레디스\n\n인메모리 키-값 저장소.\n\n${filler}`));
    expect(notes.lookup("밸만 방정식").hits[0]?.section.heading).toBe("벨만 방정식");
    expect(notes.lookup("래디스 캐시").hits[0]?.section.heading).toBe("레디스");
  });

  it("... or with a glide after ㅅ, ㅈ or ㅊ added or dropped (대쉬보드 for 대시보드)", () => {
    const filler = records(40, (i) => `지표 조회 기록 ${i}.`);
    const notes = new LookupService(parseNote("notes/bi.md", `# BI\n\n## 대시보드\n\n지표를 한 화면에 모은다.\n\n## 차트\n\n막대, 선, 원.\n\n${filler}`));
    for (const q of ["대쉬보드", "대쉬보드 뭐야"]) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe("대시보드");
  });
});

describe("a Greek letter the notes write as its symbol (γ, τ)", () => {
  it("is found by its English or Korean name, and by the symbol (gamma, 감마, γ)", () => {
    const filler = records(40, (i) => `보상 기록 ${i}.`);
    const notes = new LookupService(
      parseNote("notes/rl.md", `# 강화학습\n\n## 할인율\n\n미래 보상에 γ를 곱한다. γ가 1이면 발산할 수 있다.\n\n## 타깃 네트워크\n\nτ만큼 천천히 따라간다 (soft update).\n\n${filler}`),
    );
    for (const q of ["gamma", "감마가 뭐야", "γ 의미"]) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe("할인율");
    expect(notes.lookup("soft update tau").hits[0]?.section.heading).toBe("타깃 네트워크");
  });
});

describe("a spoken verb of one syllable after a question word (언제 써, 왜 써)", () => {
  it("is how the question is asked: a section need not have it, though the notes use it elsewhere", () => {
    // 써 occurs once in these notes, so as a word of the question it would be one of its rarest.
    const filler = records(40, (i) => `${i === 7 ? "키를 써 둔" : "위젯"} 기록 ${i}.`);
    const notes = new LookupService(parseNote("notes/flutter.md", `# Flutter\n\n## Key\n\nGlobalKey는 위젯 밖에서 State에 닿을 때 쓴다.\n\n## 위젯 트리\n\n위젯은 트리로 쌓인다.\n\n${filler}`));
    for (const q of ["글로벌키 언제 써", "글로벌키 왜 써"]) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe("Key");
  });
});

describe("an English name ending in s, which the index keeps without it (redis as redi)", () => {
  it("is found by its Hangul spelling, heard as written (레디스 → Redis, 젠킨스 → Jenkins, 비리디스 → viridis)", () => {
    const notes = new LookupService(parseNote("notes/dev.md", "# 개발\n\n## 컬러맵\n\nviridis는 지각적으로 균일하다.\n\n## 캐시\n\nRedis에 세션을 둔다.\n\n## 배포\n\nJenkins로 빌드한다.\n"));
    for (const [q, heading] of [["비리디스", "컬러맵"], ["레디스", "캐시"], ["젠킨스", "배포"]] as const) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe(heading);
  });
});

describe("an English plural or past tense", () => {
  // 폴더, 필터 and 막지 are words of these notes whose consonants fit pulled and markers.
  const filler = records(30, (i) => `${i % 3 ? "폴더 정리" : "필터 설정은 막지 않는"} 기록 ${i}.`);
  const notes = new LookupService(parseNote("notes/git.md", `# Git\n\n## 충돌 마커\n\n<<<<<<< 와 >>>>>>> 사이가 충돌 난 부분.\n\n## 원격\n\ngit pull 은 fetch 와 merge.\n\n${filler}`));

  it("is spelt in Hangul as whichever form is spelt more like a word of the notes (markers: 마커, not 막지)", () => {
    expect(notes.lookup("markers").hits[0]?.section.heading).toBe("충돌 마커");
  });

  it("finds the notes' word of its stem before any spelling by sound: a past tense is no loanword (pulled: pull)", () => {
    expect(notes.lookup("pulled").hits[0]?.section.heading).toBe("원격");
  });
});

describe("a size written with a times sign (3×3)", () => {
  it("is the size typed with an x, either way round (3x3 커널, 1×1 conv)", () => {
    const notes = new LookupService(parseNote("notes/cnn.md", "# CNN\n\n## 커널\n\n3×3 커널로 특징을 뽑는다.\n\n## 병목\n\n1x1 conv로 채널을 줄인다.\n"));
    expect(notes.lookup("3x3 커널").hits[0]?.section.heading).toBe("커널");
    expect(notes.lookup("1×1 conv").hits[0]?.section.heading).toBe("병목");
  });
});

describe("a spoken verb of one syllable, or a pronoun", () => {
  it("says how or whose, not what about (워터마크 뭐 써, 어디서 봐, 안 될 때; 내 파드)", () => {
    const filler = records(300, (i) => `${i % 20 ? "이벤트" : "워터마크 파드"} 처리 기록 ${i}.`);
    const notes = new LookupService(parseNote("notes/stream.md", `# 스트림 처리\n\n## 워터마크\n\n늦게 온 이벤트를 기다리는 한도.\n\n${filler}`));
    for (const q of ["워터마크 뭐 써", "워터마크 어디서 봐", "워터마크 안 될 때"]) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe("워터마크");
    expect(notes.lookup("내 파드 워터마크").hits[0]?.section.heading).toBe("워터마크");
  });

  it("짜 (code written) and 뜨 (a message popping up) are such verbs too (쿼리 누가 짜, 경고 떠, 경고 뜰 때)", () => {
    // 쿼리 and 경고 are common words of these notes: a word the question adds that they never use would outweigh them.
    const filler = records(300, (i) => `${i % 3 ? "이벤트" : "쿼리 경고"} 처리 기록 ${i}.`);
    const notes = new LookupService(parseNote("notes/batch.md", `# 배치\n\n## 쿼리\n\n집계 쿼리는 분석 팀이 맡는다.\n\n## 경고\n\n사용률 90%면 경고가 난다.\n\n${filler}`));
    for (const q of ["쿼리 누가 짜", "쿼리 짜야 돼"]) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe("쿼리");
    for (const q of ["경고 떠", "경고 뜰 때"]) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe("경고");
  });
});

describe("a question word", () => {
  const notes = new LookupService(
    parseNote("notes/stream.md", "# 스트림 처리\n\n## 워터마크\n\n늦게 온 이벤트를 기다리는 한도. 너무 길면 결과가 늦고, 짧으면 늦은 이벤트를 버린다.\n\n## 윈도우\n\n텀블링, 슬라이딩, 세션 윈도우.\n"),
  );

  it("asks how the notes answer, not what about (워터마크 얼마로 잡아, 워터마크 누가 정해)", () => {
    expect(notes.lookup("워터마크 얼마로 잡아").hits[0]?.section.heading).toBe("워터마크");
    expect(notes.lookup("워터마크 누가 정해").hits[0]?.section.heading).toBe("워터마크");
    expect(notes.lookup("얼마나 몇 누구").hits).toEqual([]);
  });

  it("asks how long, not what about (워터마크 며칠 동안 기다려)", () => {
    expect(notes.lookup("워터마크 며칠 동안 기다려").hits[0]?.section.heading).toBe("워터마크");
    expect(notes.lookup("며칠 동안").hits).toEqual([]);
  });

  it("contracted, doubled or wanting, still asks how (윈도우 종류 뭐뭐, 워터마크 뭘로 정해, 워터마크 정하고 싶을 때, 어떡해)", () => {
    // 종류 is no word of these notes: every other word the question adds must weigh nothing for 윈도우 to be covered;
    // and a verb before 싶다 says what is wanted done, as one before 법 says how.
    for (const q of ["윈도우 종류 뭐뭐 있어", "워터마크 뭘로 정해", "워터마크 정하고 싶을 때", "워터마크 길게 잡고 싶은데", "워터마크 길면 어떡해", "워터마크가 뭐고 어디서 봐"]) {
      expect(notes.lookup(q).hits[0]?.section.heading, q).toBe(q.startsWith("윈도우") ? "윈도우" : "워터마크");
    }
    expect(notes.lookup("뭐뭐 뭘로 어떡해 싶어").hits).toEqual([]);
  });
});

describe("two English words spelt in Hangul that name a concept together", () => {
  it("find the concept, not one word of it and a leftover (스킵 커넥션 is skip connection, here 잔차 연결)", () => {
    // connection is common in these notes, skip rare: read apart, neither covers enough of the question.
    const filler = records(40, (i) => `${i % 4 ? "모델" : "연결 모델"} 학습 기록 ${i}.`);
    const notes = new LookupService(
      parseNote("notes/cnn.md", `# CNN\n\n## 잔차 연결\n\nskip connection으로 입력을 출력에 더한다.\n\n## 풀링\n\n특징 맵을 줄인다. skip 없이 쓴다.\n\n${filler}`),
    );
    for (const q of ["스킵 커넥션", "스킵 커넥션 왜 써"]) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe("잔차 연결");
  });
});

describe("what to watch out for (주의할 점, 주의사항)", () => {
  it("is a kind of answer asked for, not a word the section must have", () => {
    const filler = records(40, (i) => `모델 학습 기록 ${i}.`);
    const notes = new LookupService(parseNote("notes/cnn.md", `# CNN\n\n## 드롭아웃\n\n학습 때 뉴런을 끈다. 추론 때는 끄지 않는다.\n\n## 풀링\n\n특징 맵을 줄인다.\n\n${filler}`));
    for (const q of ["드롭아웃 쓸 때 주의할 점", "드롭아웃 주의사항", "풀링 유의점"]) expect(notes.lookup(q).hits[0]?.section.heading, q).toBe(q.startsWith("풀링") ? "풀링" : "드롭아웃");
    expect(notes.lookup("주의할 점").hits).toEqual([]);
  });
});

describe("a question just short of half covered", () => {
  it("is answered by the section with its most telling word (rest api 엔드포인트 이름 짓는 법)", () => {
    const web = new LookupService(loadNotes(path.join(root, "test/fixtures/notes-web"), root));
    expect(web.lookup("rest api 엔드포인트 이름 짓는 법").hits[0]?.section.heading).toBe("REST API 설계");
  });

  it("is not answered when half of it is a word the notes never use (날씨 당번), though its other word is their rarest", () => {
    const filler = records(300, (i) => `서버 배포 기록 ${i}.`);
    const notes = new LookupService(parseNote("notes/ops.md", `# 운영\n\n## 장애 대응\n\n새벽 장애는 당번이 먼저 본다.\n\n${filler}`));
    expect(notes.lookup("날씨 당번").hits).toEqual([]);
    expect(notes.lookup("당번 날씨").hits).toEqual([]);
    expect(notes.lookup("장애 당번").hits[0]?.section.heading).toBe("장애 대응");
  });
});

describe("a bigram across a space", () => {
  it("counts only where the notes have it: two names they write in Latin letters, spelt in Hangul, still find their section", () => {
    // 플럭스 디스패처 joins 스 and 디 across the space; notes that write "flux dispatcher" never have that bigram, and it
    // used to weigh as a word no section has.
    const filler = records(30, (i) => `${i % 3 === 0 ? "flux" : "redux"} 구조에 관한 기록 ${i}.`);
    const notes = new LookupService(parseNote("notes/fe.md", `# 프론트엔드\n\n## 단방향 흐름\n\n- flux dispatcher: 액션을 모든 스토어에 한 번씩 보낸다.\n\n${filler}`));
    expect(notes.lookup("플럭스 디스패처").hits[0]?.section.heading).toBe("단방향 흐름");
    expect(notes.lookup("디스패처 플럭스").hits[0]?.section.heading).toBe("단방향 흐름");
  });
});

describe("hostile input", () => {
  const hostile = ["", "   ", "\t\n", "가".repeat(10_000), "x".repeat(10_000), "\u0000\u0007\u001b[31m", "🙂🔥", '"quoted"', "'", "*", "NEAR(", "OR", "--", "AND NOT", ")(", "\\", "%_", "section:../../etc/passwd#1"];
  it("never throws; empty or control-only queries give an empty result", () => {
    for (const q of hostile) {
      const r = service.lookup(q);
      expect(Array.isArray(r.hits), JSON.stringify(q.slice(0, 20))).toBe(true);
      expect(service.suggest(q).length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
    }
    for (const q of ["", "   ", "\u0000\u0007", "🙂🔥", "*", "--", "OR", "section:../../etc/passwd#1"]) expect(service.lookup(q).hits, q).toEqual([]);
  });

  it("answers nothing to operators, stop words or single letters alone", () => {
    for (const q of ["AND OR NOT", "' OR 1=1 --", "a b c", "a-b-c", "the of and", "뭐 왜 좀"]) expect(service.lookup(q).hits, q).toEqual([]);
  });

  it("finds a term spelled as it sounds though a spoken ending the notes never use follows it; the ending alone finds nothing", () => {
    const notes = new LookupService(
      parseNote("notes/os.md", "# OS\n\n## Semaphore\n\n공유 자원에 동시에 들어갈 수 있는 수를 센다.\n\n## Scheduling\n\nCPU를 어느 프로세스에 줄지 정한다.\n"),
    );
    expect(notes.lookup("세마포어 왜 필요해?").hits[0]?.section.heading).toBe("Semaphore");
    expect(notes.lookup("스케줄링은 어떻게 돼요?").hits[0]?.section.heading).toBe("Scheduling");
    for (const q of ["왜 필요해?", "어떻게 돼요?"]) expect(notes.lookup(q).hits, q).toEqual([]);
  });

  it("caps the query length", () => {
    expect(service.lookup("람다 ".repeat(5000)).normalized.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
  });
});

describe("trimAtLine", () => {
  it("cuts at a line boundary and says so", () => {
    const text = ["line one", "line two", "line three"].join("\n");
    expect(trimAtLine(text, 100)).toEqual({ text, truncated: false });
    const cut = trimAtLine(text, 20);
    expect(cut.truncated).toBe(true);
    expect(cut.text).toBe("line one\nline two\n…");
    expect(cut.text.length).toBeLessThanOrEqual(20);
  });

  it("starts at the first line with text, and counts the lines kept by position", () => {
    expect(trimAtLine("\nfirst\nsecond\nthird line", 16)).toEqual({ text: "first\nsecond\n…", truncated: true });
    expect(trimAtLine("a\n\nb\n" + "x".repeat(50), 12)).toEqual({ text: "a\n\nb\n…", truncated: true });
  });

  it("cuts a single long line at a word", () => {
    const cut = trimAtLine("alpha beta gamma delta epsilon", 16);
    expect(cut.text).toBe("alpha beta\n…");
  });

  it("keeps every snippet of the shipped notes within the limit", () => {
    for (const s of service.sections) {
      const t = trimAtLine(s.text, 300);
      expect(t.text.length).toBeLessThanOrEqual(300);
      if (t.truncated) expect(s.text.startsWith(t.text.slice(0, -2).trimEnd().slice(0, 10))).toBe(true);
    }
  });
});

describe("query sets with known answers", () => {
  /** hit@1 and hit@3 of a set's answerable queries, and how many of its unanswerable ones came back empty. */
  const score = (lookup: LookupService, file: string) => {
    const queries = readFileSync(path.join(root, "test/fixtures", file), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { query: string; targets: Array<{ file: string; line: number }> });
    let answerable = 0, hit1 = 0, hit3 = 0, emptyOk = 0, unanswerable = 0;
    for (const q of queries) {
      const hits = lookup.lookup(q.query, { limit: 5 }).hits;
      if (q.targets.length === 0) {
        unanswerable++;
        if (hits.length === 0) emptyOk++;
        continue;
      }
      answerable++;
      const rank = hits.findIndex((h) => q.targets.some((t) => t.file === h.section.file && t.line === h.section.line));
      if (rank === 0) hit1++;
      if (rank >= 0 && rank < 3) hit3++;
    }
    return { queries: queries.length, hit1: hit1 / answerable, hit3: hit3 / answerable, emptyOk, unanswerable };
  };
  const notesIn = (dir: string) => new LookupService(loadNotes(path.join(root, "test/fixtures", dir), root));

  it("the computer-science set over other notes: hit@1 >= 0.9, hit@3 >= 0.9, unanswerable empty", () => {
    const r = score(notesIn("notes-cs"), "lookup-cs.jsonl");
    expect(r.queries).toBe(40);
    expect(r.hit1).toBeGreaterThanOrEqual(0.9);
    expect(r.hit3).toBeGreaterThanOrEqual(0.9);
    expect(r.emptyOk).toBe(r.unanswerable);
  });

  it("the machine-learning and statistics set over a third group's notes: hit@1 >= 0.87, hit@3 >= 0.91, unanswerable empty", () => {
    const r = score(notesIn("notes-ml"), "lookup-ml.jsonl");
    expect(r.queries).toBe(107);
    expect(r.hit1).toBeGreaterThanOrEqual(0.87);
    expect(r.hit3).toBeGreaterThanOrEqual(0.91);
    expect(r.emptyOk).toBe(r.unanswerable);
  });

  it("the DevOps set, written after the rules were settled: hit@1 >= 0.87, hit@3 >= 0.91, unanswerable empty", () => {
    const r = score(notesIn("notes-devops"), "lookup-devops.jsonl");
    expect(r.queries).toBe(53);
    expect(r.hit1).toBeGreaterThanOrEqual(0.87);
    expect(r.hit3).toBeGreaterThanOrEqual(0.91);
    expect(r.emptyOk).toBe(r.unanswerable);
  });

  // Other groups' notes, each set written without running the engine: hit@1 and hit@3 no lower than they are now
  // (rounded down), and as many unanswerable queries empty.
  it.each(HELD_OUT_SETS.map((s) => [s.name, s.hit1, s.hit3, s.empty] as const))(
    "another group's %s notes: hit@1 >= %s, hit@3 >= %s, %s unanswerable queries empty",
    (name, hit1, hit3, empty) => {
      const r = score(notesIn(`notes-${name}`), `lookup-${name}.jsonl`);
      expect(r.hit1).toBeGreaterThanOrEqual(hit1);
      expect(r.hit3).toBeGreaterThanOrEqual(hit3);
      expect(r.emptyOk).toBeGreaterThanOrEqual(empty);
    },
  );

  it("the public dev set: hit@3 >= 0.9 and its unanswerable query empty", () => {
    const r = score(service, "lookup-dev.jsonl");
    expect(r.hit3).toBeGreaterThanOrEqual(0.9);
    expect(r.emptyOk).toBe(r.unanswerable);
  });

  it("a second set of the same kinds: hit@1 >= 0.8, hit@3 >= 0.92, 4 of its 5 unanswerable queries empty", () => {
    const r = score(service, "lookup-extra.jsonl");
    expect(r.hit1).toBeGreaterThanOrEqual(0.8);
    expect(r.hit3).toBeGreaterThanOrEqual(0.92);
    // 파이썬 리스트 정렬 finds the DynamoDB section with its List type and sort key, as python list sort always did.
    expect(r.emptyOk).toBeGreaterThanOrEqual(r.unanswerable - 1);
  });

  it("AWS queries written without looking at the answers: hit@1 >= 0.96, hit@3 >= 1, unanswerable empty", () => {
    const r = score(service, "lookup-aws-heldout.jsonl");
    expect(r.queries).toBe(64);
    expect(r.hit1).toBeGreaterThanOrEqual(0.96);
    expect(r.hit3).toBeGreaterThanOrEqual(1);
    expect(r.emptyOk).toBe(r.unanswerable);
  });
});
