"""The AKN4UN Schematron profile, packaged as converter.schemas."""
