"""The product list as CSV or XLSX files: columns, reading rows, importing and exporting."""
