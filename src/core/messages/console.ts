import type { Catalog } from "./index.js";

// The terminal platform (npm start with no chat credentials).
export const consoleMessages: Catalog = {
  ko: {
    "console.ready": "studybot 준비 완료 — 콘솔 모드 (노트 섹션 {sections}개, 문제 {questions}개). /help 로 명령을 볼 수 있어요. 지금 말하는 사람: {name}",
    "console.help":
      "명령:\n" +
      "  /as <이름>                       말하는 사람 바꾸기\n" +
      "  /lookup <검색어>                 노트 찾기\n" +
      "  /quiz [주제]                     혼자 연습 문제 (순위에 안 들어가요)\n" +
      "  /answer <글자>                   열린 문제(또는 연습 문제)에 답하기, 예: /answer B\n" +
      "  /leaderboard [week|month|all] [주제]\n" +
      "  /stats [이름]\n" +
      "  /topics                          주제 목록\n" +
      "  /studybot schedule HH:MM [mon-fri] [Asia/Seoul] [topics=a,b] [reveal=60] [instant=on|off]\n" +
      "  /studybot unschedule | status | post-now | reveal-now | pause | resume\n" +
      "  /studybot config language=ko|en|auto timezone=Asia/Seoul points=10 …\n" +
      "  /quit                            끝내기 (입력이 끝나도 끝나요)",
    "console.unknown_command": "'{command}' 는 모르는 명령이에요. /help 로 명령 목록을 보세요.",
    "console.not_a_command": "명령은 / 로 시작해요 (예: /answer B). /help 로 명령 목록을 보세요.",
    "console.usage_as": "사용법: /as <이름> — 예: /as alice",
    "console.usage_answer": "사용법: /answer <글자> — 예: /answer B",
    "console.usage_lookup": "사용법: /lookup <검색어> — 예: /lookup 람다 타임아웃",
    "console.usage_leaderboard": "사용법: /leaderboard [week|month|all] [주제]",
    "console.speaking_as": "이제 {name} 님으로 말해요.",
    "console.card_title": "문제 #{round} · {topic} · 난이도 {difficulty}",
    "console.card_footer": "/answer <글자> 로 답하세요 · 정답 공개 {revealAt}",
    "console.practice_title": "연습 문제 · {topic} · 난이도 {difficulty} (순위에 안 들어가요)",
    "console.practice_footer": "/answer <글자> 로 답하세요",
    "console.reveal_title": "문제 #{round} 정답 공개 · {topic}",
    "console.counts": "선택: {counts} — {answered}명 참여",
    "console.fastest": "가장 빠른 정답: {names}",
    "console.no_fastest": "맞힌 사람이 없어요.",
    "console.source": "출처: {path} ({file}:{line})",
    "console.answer_by": "[{name}] {text}",
    "console.private": "[{name} 님에게만] {text}",
    "console.lookup_more": "다른 결과:",
    "console.lookup_none": "'{query}' 에 맞는 노트가 없어요.",
    "console.lookup_suggest": "혹시 이것을 찾으세요? {labels}",
    "console.lookup_truncated": "(더 있어요 — 노트 파일에서 전체를 보세요)",
    "console.topics": "주제: {topics}",
    "console.bye": "studybot 을 끝냈어요.",
  },
  en: {
    "console.ready": "studybot ready — console mode ({sections} note sections, {questions} questions). Type /help for the commands. Speaking as: {name}",
    "console.help":
      "Commands:\n" +
      "  /as <name>                       switch who is speaking\n" +
      "  /lookup <query>                  search the notes\n" +
      "  /quiz [topic]                    a private practice question (not on the leaderboard)\n" +
      "  /answer <letter>                 answer the open question (or your practice question), e.g. /answer B\n" +
      "  /leaderboard [week|month|all] [topic]\n" +
      "  /stats [name]\n" +
      "  /topics                          list the topics\n" +
      "  /studybot schedule HH:MM [mon-fri] [Asia/Seoul] [topics=a,b] [reveal=60] [instant=on|off]\n" +
      "  /studybot unschedule | status | post-now | reveal-now | pause | resume\n" +
      "  /studybot config language=ko|en|auto timezone=Asia/Seoul points=10 …\n" +
      "  /quit                            exit (the end of the input exits too)",
    "console.unknown_command": "'{command}' is not a command. Type /help for the list.",
    "console.not_a_command": "Commands start with / (e.g. /answer B). Type /help for the list.",
    "console.usage_as": "usage: /as <name> — e.g. /as alice",
    "console.usage_answer": "usage: /answer <letter> — e.g. /answer B",
    "console.usage_lookup": "usage: /lookup <query> — e.g. /lookup lambda timeout",
    "console.usage_leaderboard": "usage: /leaderboard [week|month|all] [topic]",
    "console.speaking_as": "Now speaking as {name}.",
    "console.card_title": "Question #{round} · {topic} · difficulty {difficulty}",
    "console.card_footer": "answer with /answer <letter> · answer revealed at {revealAt}",
    "console.practice_title": "Practice · {topic} · difficulty {difficulty} (not on the leaderboard)",
    "console.practice_footer": "answer with /answer <letter>",
    "console.reveal_title": "Question #{round} revealed · {topic}",
    "console.counts": "picked: {counts} — {answered} answered",
    "console.fastest": "Fastest correct: {names}",
    "console.no_fastest": "Nobody got it right.",
    "console.source": "Source: {path} ({file}:{line})",
    "console.answer_by": "[{name}] {text}",
    "console.private": "[to {name} only] {text}",
    "console.lookup_more": "More matches:",
    "console.lookup_none": "No note matches '{query}'.",
    "console.lookup_suggest": "Did you mean: {labels}",
    "console.lookup_truncated": "(more in the note file)",
    "console.topics": "Topics: {topics}",
    "console.bye": "studybot stopped.",
  },
};
