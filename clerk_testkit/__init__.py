"""Test-only kit shared by the test suite and the benchmarks: test PKI, virtual ID card, local
TSA/OCSP responders. Never shipped: setuptools packages only `clerk_app*`."""
