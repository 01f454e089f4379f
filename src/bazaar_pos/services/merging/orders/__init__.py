"""Orders from the marketplaces (Shopee, TikTok Shop, Tokopedia) as sales, returns and mappings."""
