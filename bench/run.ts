// `npm run bench`: every benchmark, each printing its figures beside a baseline measured in the same run.
// Benchmarks are not tests: they print figures and never fail on timings.
import { runDigestBench } from "./digest.js";
import { runDraftBench } from "./draft.js";
import { runEngineBench } from "./engine.js";
import { runLookupBench } from "./lookup.js";
import { runReviewBench } from "./review.js";
import { runMultiBench } from "./multi.js";

console.log(`studybot bench — node ${process.version}, ${process.platform}/${process.arch}\n`);
await runLookupBench();
console.log("");
await runEngineBench();
console.log("");
await runDraftBench();
console.log("");
await runDigestBench();
await runReviewBench();
console.log("");
await runMultiBench();
