"""Certificate rendering: per-language templates, reportlab layout, PDF/A-2b, QR code.

Qt-free. The core reaches it through the `CertificateRenderer` port (renderer.py).
"""
