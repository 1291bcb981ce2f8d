"""Quality evaluations of orbat's stages against gold corpora and public benchmarks."""
