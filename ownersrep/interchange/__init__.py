"""Import and export: MS Project XML, Primavera XER, CSV/XLSX. No Qt here."""
