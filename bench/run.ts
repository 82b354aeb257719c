// `npm run bench`: every benchmark, each printing its figures beside a baseline measured in the same run.
import { runLookupBench } from "./lookup.js";

console.log(`studybot bench — node ${process.version}, ${process.platform}/${process.arch}\n`);
await runLookupBench();
