FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv PATH=/opt/venv/bin:$PATH
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev
COPY . .
RUN SECRET_KEY=build python manage.py compilemessages --ignore=/opt/venv >/dev/null || true
# Static files with content-hashed, precompressed names, served by gunicorn (WhiteNoise).
ENV STATIC_HASHED=1
RUN SECRET_KEY=build python manage.py collectstatic --noinput >/dev/null
EXPOSE 8000
