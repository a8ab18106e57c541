"""Running the real SGLang HTTP server with the safekv cache."""
