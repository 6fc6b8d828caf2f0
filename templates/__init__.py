"""The Jinja templates of the AKN writer, packaged as converter.templates."""
