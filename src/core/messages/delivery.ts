// Why the bot paused a schedule, and the warning organisers get once with their next command.
import { catalog } from "./translate.js";

export const delivery = catalog(
  {
    "pause.permission": "the bot lost {permissions} in {channel} ({when})",
    "pause.permission_any": "the bot may no longer post in {channel} ({when})",
    "pause.channel_gone": "{channel} was deleted or archived, or the bot can no longer see it ({when})",
    "pause.uninstalled": "the bot was removed from this server or workspace ({when})",
    "pause.status": " · paused: {reason}",
    "pause.warning": "⚠️ The schedule '{name}' is paused: {reason}. Fix that, then /studybot resume.",
    "admin.posted_pending": "Question #{round} is not confirmed in {channel} yet (the platform did not answer); it is tried again by itself, never posted twice.",
  },
  {
    "pause.permission": "봇이 {channel}에서 {permissions} 권한을 잃었어요 ({when})",
    "pause.permission_any": "봇이 더는 {channel}에 글을 올릴 수 없어요 ({when})",
    "pause.channel_gone": "{channel} 채널이 지워졌거나 보관되었거나, 봇이 더는 볼 수 없어요 ({when})",
    "pause.uninstalled": "봇이 이 서버(워크스페이스)에서 제거되었어요 ({when})",
    "pause.status": " · 일시 중지: {reason}",
    "pause.warning": "⚠️ '{name}' 일정이 일시 중지되었어요: {reason}. 문제를 해결한 뒤 /studybot resume 으로 다시 켜 주세요.",
    "admin.posted_pending": "문제 #{round}{이/가} 아직 {channel}에 올라갔는지 확인되지 않았어요 (플랫폼이 답하지 않았어요). 알아서 다시 시도하고, 두 번 올리지는 않아요.",
  },
);
