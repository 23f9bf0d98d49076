"""The assistant app: a Streamlit chat over the fine-tuned adapter or an Ollama model, grounded in the guideline corpus,
and a read-only browser of the dataset (`medpipe app --port N`)."""
