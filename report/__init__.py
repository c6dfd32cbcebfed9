"""The analyst's dossier: one self-contained HTML page per authority, and one for the nation (``sgkg report``)."""
