"""Renderers: what the engine computed, as documents, diagrams and exports (Jinja).

    documents  bilingual documents of a service and of a case (HTML, PDF)
    diagrams   business-process diagrams (SVG, HTML) and BPMN, DOT, Mermaid
    exports    linked data (CPSV-AP JSON-LD)

Renderers import only the engine's public API (`engine` and its stage packages);
`diagrams` may import `documents` (labels, words, the template environment).
"""
