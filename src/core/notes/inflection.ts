// The base forms an English word of a question may be an inflection of, for tables that list base forms only
// (query-words.ts, the vocabulary's words): plain suffixes undone (sharing → share, splitting → split, fastest →
// fast) and irregular past forms (built → build). No stemmer, which would take optimizer for optimize.

/** English verbs whose past forms are not made with -ed, by those forms (built → build, chosen → choose); not those
 * that are words of their own as well (left, found, bound, led, won). */
const IRREGULAR_PAST = new Map<string, string>(
  (
    "arose:arise arisen:arise became:become began:begin begun:begin bent:bend " +
    "bitten:bite blew:blow blown:blow broke:break broken:break bred:breed brought:bring built:build burnt:burn bought:buy " +
    "caught:catch chose:choose chosen:choose came:come crept:creep dealt:deal dug:dig did:do done:do drew:draw drawn:draw " +
    "dreamt:dream drove:drive driven:drive ate:eat eaten:eat fallen:fall fought:fight " +
    "fled:flee flew:fly flown:fly forbade:forbid forbidden:forbid forgot:forget forgotten:forget forgave:forgive forgiven:forgive " +
    "froze:freeze frozen:freeze got:get gotten:get gave:give given:give went:go gone:go grew:grow grown:grow hung:hang heard:hear " +
    "hid:hide hidden:hide held:hold kept:keep knew:know known:know leapt:leap learnt:learn lent:lend " +
    "lost:lose made:make meant:mean met:meet mistook:mistake mistaken:mistake overcame:overcome " +
    "overtook:overtake overtaken:overtake overwrote:overwrite overwritten:overwrite paid:pay proven:prove rode:ride ridden:ride " +
    "rang:ring rung:ring risen:rise ran:run said:say seen:see sought:seek sold:sell sent:send shook:shake " +
    "shaken:shake shone:shine shown:show shrank:shrink shrunk:shrink sang:sing sung:sing sank:sink sat:sit " +
    "slept:sleep slid:slide spoke:speak spoken:speak spent:spend spun:spin sprang:spring sprung:spring stood:stand " +
    "stole:steal stolen:steal stuck:stick stung:sting struck:strike stricken:strike strove:strive striven:strive swore:swear " +
    "sworn:swear swept:sweep swam:swim swum:swim swung:swing took:take taken:take taught:teach tore:tear torn:tear told:tell " +
    "thought:think threw:throw thrown:throw understood:understand undid:undo undone:undo undertook:undertake woke:wake woken:wake " +
    "wore:wear worn:wear wove:weave woven:weave withdrew:withdraw withdrawn:withdraw wrote:write written:write " +
    "rewrote:rewrite rewritten:rewrite rebuilt:rebuild"
  )
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);

/** Plain inflectional suffixes, and what their base ends in instead (ies → y). Not the comparative -er, which makes
 * nouns as often (optimizer, counter). */
const SUFFIXES = [
  ["ing", ""], ["ing", "e"], ["ed", ""], ["ed", "e"], ["es", ""], ["s", ""], ["ies", "y"], ["ied", "y"], ["est", ""], ["est", "e"], ["iest", "y"],
] as const;

/** The words `word` may be an inflection of, likeliest first; a base of at least three letters, with a doubled
 * final consonant also single (splitting → split). */
export function baseForms(word: string): string[] {
  const out: string[] = [];
  const irregular = IRREGULAR_PAST.get(word);
  if (irregular) out.push(irregular);
  for (const [suffix, back] of SUFFIXES) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
    const base = word.slice(0, -suffix.length);
    out.push(base + back);
    if (back === "" && /(.)\1$/.test(base)) out.push(base.slice(0, -1));
  }
  return out;
}
