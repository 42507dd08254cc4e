"""One function per report section: data in, flowables out."""
