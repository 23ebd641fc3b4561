// Lint BPMN 2.0 files with bpmnlint's recommended rules; print one JSON object:
// {file: {"import": [bpmn-moddle's import warnings], "reports": [{rule, id, message, category}]}}.
// Run by tests/diagrams/exports_npm.py from the directory where bpmnlint is installed.
'use strict';

const fs = require('fs');
const BpmnModdle = require('bpmn-moddle');
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

async function lintFile(file) {
  // A new linter per file: rules such as no-duplicate-sequence-flows keep state between
  // lint() calls of one linter, so files sharing ids (Flow_1) would be reported as duplicates.
  const linter = new Linter({
    config: { extends: 'bpmnlint:recommended' },
    resolver: new NodeResolver(),
  });
  const moddle = new BpmnModdle();
  const { rootElement, warnings } = await moddle.fromXML(fs.readFileSync(file, 'utf8'));
  const results = await linter.lint(rootElement);
  const reports = [];
  for (const rule of Object.keys(results).sort()) {
    for (const report of results[rule]) {
      reports.push({ rule, id: report.id, message: report.message, category: report.category });
    }
  }
  return { import: warnings.map((w) => w.message), reports };
}

async function main() {
  const answer = {};
  for (const file of process.argv.slice(2)) {
    answer[file] = await lintFile(file);
  }
  process.stdout.write(JSON.stringify(answer));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + '\n');
  process.exit(1);
});
