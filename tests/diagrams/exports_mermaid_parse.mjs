// Parse Mermaid flowcharts with mermaid's own parser; print one JSON object:
// {file: {"error": message or null, "nodes": [{id, type}], "edges": [{start, end, text}],
//         "subgraphs": [{id, title, nodes}]}}.
// mermaid's sanitiser needs a DOM, so jsdom provides one. Run by tests/diagrams/exports_npm.py
// from the directory where mermaid is installed.
import fs from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

async function parseFile(file) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    await mermaid.parse(text);
  } catch (error) {
    return { error: String(error && error.message || error), nodes: [], edges: [], subgraphs: [] };
  }
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  return {
    error: null,
    type: diagram.type,
    nodes: [...db.getVertices().values()].map((v) => ({ id: v.id, type: v.type })),
    edges: db.getEdges().map((e) => ({ start: e.start, end: e.end, text: e.text })),
    subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: s.title, nodes: s.nodes })),
  };
}

const answer = {};
for (const file of process.argv.slice(2)) {
  answer[file] = await parseFile(file);
}
process.stdout.write(JSON.stringify(answer));
