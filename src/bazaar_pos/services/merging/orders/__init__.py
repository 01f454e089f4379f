"""Marketplace orders (Shopee, TikTok Shop, Tokopedia, Lazada) as sales, returns and mappings."""
