"""Files in and out: CSV and XLSX readers and writers, PDFs."""
