"""The ontology, its concept schemes and its SHACL shapes, kept as Turtle beside this file."""

from pathlib import Path

HERE = Path(__file__).parent
SHAPES_FILE = HERE / "shapes.ttl"
#: Every Turtle file that describes the vocabulary (classes, properties, concept schemes).
ONTOLOGY_FILES = sorted(p for p in HERE.glob("*.ttl") if p != SHAPES_FILE)
