"""The HTML interface: server-rendered pages with htmx, in English and Persian."""
