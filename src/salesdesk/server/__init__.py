"""salesdesk.server"""
