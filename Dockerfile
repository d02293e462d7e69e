FROM python:3.11-slim
WORKDIR /srv/castlist
ENV HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false PIP_NO_CACHE_DIR=1 \
    CASTLIST_DATA_DIR=/data CASTLIST_HOST=0.0.0.0
# Torch first, so the project's dependency on torch never pulls CUDA wheels. Pass
# --build-arg TORCH_INDEX=<your CPU wheel index> where the default index serves CUDA builds.
ARG TORCH_INDEX=""
RUN if [ -n "$TORCH_INDEX" ]; then pip install torch==2.13.0 --index-url "$TORCH_INDEX"; \
    else pip install torch==2.13.0; fi
COPY pyproject.toml README.md ./
COPY app ./app
COPY agents ./agents
COPY retrieval ./retrieval
COPY prompts ./prompts
COPY evals ./evals
RUN pip install .
VOLUME /data
EXPOSE 8000
# One worker with the embedded Qdrant Edge index (it locks its shard); with
# CASTLIST_QDRANT_URL, CASTLIST_WORKERS=N runs N (deploy/compose.yaml). Binding 0.0.0.0
# requires API keys (`castlist keys create` against the same database first).
CMD ["castlist", "serve", "--host", "0.0.0.0", "--port", "8000"]
