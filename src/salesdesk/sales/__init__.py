"""salesdesk.sales"""
