"""Products: the catalogue, variants, photos and labels, and the product list as files."""
