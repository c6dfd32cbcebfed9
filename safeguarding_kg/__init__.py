"""safeguarding-kg: a knowledge graph of what inspectors, safeguarding boards and councils
say about English children's services.

The public Python API lives in :mod:`safeguarding_kg.api`; this module stays import-light
so that ``sgkg --help`` starts fast.
"""

__version__ = "0.1.0"
