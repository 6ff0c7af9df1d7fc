import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  CACHE_VARIABLES
} from "./chunk-TVM242SN.mjs";
import {
  DEFAULT_ENCODINGS
} from "./chunk-7I65BH5E.mjs";

// src/gateways/profiles.ts
var GATEWAYS = ["generic", "one-api", "new-api", "litellm", "open-webui", "dify-api", "dify-plugin-daemon"];
var TIKTOKEN_GO = {
  repository: "pkoukk/tiktoken-go",
  path: "load.go (readFileCached)",
  at: "v0.1.7 (7defbfc0edaee1f1280ff0cb1bfca2a9ef1b53ff)",
  fact: "TIKTOKEN_CACHE_DIR if non-empty, else DATA_GYM_CACHE_DIR if non-empty, else os.TempDir()/data-gym-cache"
};
var PROFILES = {
  generic: {
    name: "generic",
    title: "tiktoken and tiktoken-go",
    readers: ["tiktoken", "tiktoken-go"],
    variables: CACHE_VARIABLES,
    encodings: DEFAULT_ENCODINGS,
    loads: [],
    volumes: [],
    signs: { repositories: [], programs: [], env: [] },
    sources: [
      { repository: "openai/tiktoken", path: "tiktoken/load.py (read_file_cached)", at: "0.9.0 (Debian trixie python3-tiktoken)", fact: "TIKTOKEN_CACHE_DIR if set (empty: no cache), else DATA_GYM_CACHE_DIR, else tempfile.gettempdir()/data-gym-cache" },
      TIKTOKEN_GO
    ]
  },
  "one-api": {
    name: "one-api",
    title: "One API",
    readers: ["tiktoken-go"],
    variables: CACHE_VARIABLES,
    encodings: ["cl100k_base", "o200k_base"],
    loads: ["cl100k_base", "o200k_base"],
    volumes: [{ path: "/data", what: "One API's data volume (-v \u2026:/data: SQLite database and logs)" }],
    signs: { repositories: ["github.com/songquanpeng/one-api"], programs: ["/one-api"], env: [] },
    sources: [
      { repository: "songquanpeng/one-api", path: "go.mod", at: "8df4a2670b98266bd287c698243fff327d9748cf (v0.6.11-alpha.22+1)", fact: "github.com/pkoukk/tiktoken-go v0.1.7" },
      { repository: "songquanpeng/one-api", path: "relay/adaptor/openai/token.go (InitTokenEncoders, called from main.go)", at: "8df4a2670b98266bd287c698243fff327d9748cf", fact: "at start: EncodingForModel gpt-3.5-turbo and gpt-4 (cl100k_base), gpt-4o (o200k_base); FatalLog when one fails" },
      { repository: "songquanpeng/one-api", path: "Dockerfile", at: "8df4a2670b98266bd287c698243fff327d9748cf", fact: 'WORKDIR /data, ENTRYPOINT ["/one-api"]' },
      { repository: "songquanpeng/one-api", path: "README.md", at: "8df4a2670b98266bd287c698243fff327d9748cf", fact: "docker run \u2026 -v /home/ubuntu/data/one-api:/data justsong/one-api" },
      { repository: "songquanpeng/one-api", path: ".github/workflows/docker-image.yml", at: "8df4a2670b98266bd287c698243fff327d9748cf", fact: "labels from docker/metadata-action (org.opencontainers.image.source)" },
      TIKTOKEN_GO
    ]
  },
  "new-api": {
    name: "new-api",
    title: "new-api",
    readers: ["tiktoken-go"],
    variables: CACHE_VARIABLES,
    encodings: ["cl100k_base", "o200k_base"],
    loads: ["cl100k_base", "o200k_base"],
    volumes: [{ path: "/data", what: "new-api's data volume (-v \u2026:/data: SQLite database and logs)" }],
    note: "built for releases on pkoukk/tiktoken-go v0.1.7, which exit at start without these files; releases on github.com/tiktoken-go/tokenizer compile the vocabularies in and read no files",
    signs: { repositories: ["github.com/Calcium-Ion/new-api", "github.com/QuantumNous/new-api"], programs: ["/new-api"], env: [] },
    sources: [
      { repository: "Calcium-Ion/new-api", path: "go.mod", at: "033359e93c948346960b67f464edde40ca700e10", fact: "github.com/pkoukk/tiktoken-go v0.1.7" },
      { repository: "Calcium-Ion/new-api", path: "service/token_counter.go (InitTokenEncoders)", at: "139a104b26c7b9e03aa8549203398958be977a79", fact: "at start: gpt-3.5-turbo and gpt-4 (cl100k_base), gpt-4o (o200k_base); FatalLog when one fails (new-api #837)" },
      { repository: "QuantumNous/new-api", path: "go.mod", at: "01bed91bb78dc0a4fa3767d8688f084a915a760c", fact: "github.com/tiktoken-go/tokenizer v0.6.2: vocabularies compiled in, no files read" },
      { repository: "QuantumNous/new-api", path: "Dockerfile", at: "0089a12fdcafe8ba57a961f31ce8929f47e22270", fact: 'WORKDIR /data, ENTRYPOINT ["/new-api"]' },
      { repository: "Calcium-Ion/new-api", path: "README.md", at: "docker run section", fact: "docker run \u2026 -v /home/ubuntu/data/new-api:/data calciumion/new-api:latest" },
      TIKTOKEN_GO
    ]
  },
  litellm: {
    name: "litellm",
    title: "LiteLLM",
    readers: ["tiktoken"],
    rule: "litellm-custom-cache-dir",
    variables: [...CACHE_VARIABLES, "CUSTOM_TIKTOKEN_CACHE_DIR"],
    encodings: ["cl100k_base"],
    loads: ["cl100k_base"],
    volumes: [],
    note: "LiteLLM overwrites TIKTOKEN_CACHE_DIR at import: with CUSTOM_TIKTOKEN_CACHE_DIR when set, else with the tokenizers folder inside its package",
    signs: { repositories: ["github.com/BerriAI/litellm"], programs: ["litellm", "/app/docker/prod_entrypoint.sh", "docker/prod_entrypoint.sh"], env: [["LITELLM_NON_ROOT"]] },
    sources: [
      {
        repository: "BerriAI/litellm",
        path: "litellm/litellm_core_utils/default_encoding.py",
        at: "22255128f1b581f74c70d78672a307fa7502b41a",
        fact: 'at import: TIKTOKEN_CACHE_DIR = CUSTOM_TIKTOKEN_CACHE_DIR if non-empty (os.makedirs first), else the bundled litellm_core_utils/tokenizers folder; then tiktoken.get_encoding("cl100k_base") (issues #739, #1071)'
      },
      { repository: "BerriAI/litellm", path: "docker/Dockerfile.non_root", at: "004c6b1b3ecc1c87480ec1aa74f8273d1840a151", fact: 'ENV LITELLM_NON_ROOT=true, ENTRYPOINT ["/app/docker/prod_entrypoint.sh"]' },
      { repository: "BerriAI/litellm", path: "Dockerfile", at: "003e962288d035cd8fee10caffd2442f37992eab", fact: 'ENTRYPOINT ["litellm"]' }
    ]
  },
  "open-webui": {
    name: "open-webui",
    title: "Open WebUI",
    readers: ["tiktoken"],
    variables: CACHE_VARIABLES,
    encodings: ["cl100k_base"],
    loads: [],
    volumes: [{ path: "/app/backend/data", what: "Open WebUI's data volume (-v open-webui:/app/backend/data)" }],
    note: "TIKTOKEN_ENCODING_NAME (default cl100k_base; a value saved in its database wins) must name an encoding the image serves",
    signs: { repositories: ["github.com/open-webui/open-webui"], programs: [], env: [["WEBUI_SECRET_KEY", "TIKTOKEN_ENCODING_NAME"], ["WEBUI_BUILD_VERSION"]] },
    sources: [
      {
        repository: "open-webui/open-webui",
        path: "backend/open_webui/config.py",
        at: "2586f1f39273cacddb86fb6d793141d663b79803",
        fact: "TIKTOKEN_CACHE_DIR defaults to {CACHE_DIR}/tiktoken; TIKTOKEN_ENCODING_NAME is a PersistentConfig (env default cl100k_base, rag.tiktoken_encoding_name in the database)"
      },
      {
        repository: "open-webui/open-webui",
        path: "Dockerfile",
        at: "08d67bf0a8f7561f7a29abe85581f7ccba846a4f",
        fact: 'ENV TIKTOKEN_ENCODING_NAME="cl100k_base" TIKTOKEN_CACHE_DIR="/app/backend/data/cache/tiktoken", WORKDIR /app/backend, ENV WEBUI_SECRET_KEY, WEBUI_BUILD_VERSION, CMD ["bash", "start.sh"]'
      }
    ]
  },
  "dify-api": {
    name: "dify-api",
    title: "Dify API",
    readers: ["tiktoken"],
    variables: CACHE_VARIABLES,
    encodings: ["gpt2"],
    loads: ["gpt2"],
    volumes: [{ path: "/app/api/storage", what: "Dify's storage volume (./volumes/app/storage:/app/api/storage)" }],
    signs: { repositories: [], programs: [], env: [["FLASK_APP", "EDITION", "DEPLOY_ENV"]] },
    sources: [
      { repository: "langgenius/dify", path: "api/Dockerfile", at: "f7f6ac2cc4912baa208ee7b674525f271ba8ca05", fact: 'ENV FLASK_APP, EDITION, DEPLOY_ENV; WORKDIR /app/api; ENTRYPOINT ["/bin/bash", "/entrypoint.sh"]' },
      { repository: "langgenius/dify", path: "api/Dockerfile", at: "issue 17 (later releases)", fact: `ENV TIKTOKEN_CACHE_DIR=/app/api/.tiktoken_cache; RUN python -c "\u2026tiktoken.encoding_for_model('gpt2')" at build time` },
      { repository: "langgenius/dify", path: "docker/docker-compose-template.yaml", at: "92dbc94f", fact: "api: ./volumes/app/storage:/app/api/storage" }
    ]
  },
  "dify-plugin-daemon": {
    name: "dify-plugin-daemon",
    title: "Dify's plugin daemon",
    readers: ["tiktoken"],
    variables: CACHE_VARIABLES,
    encodings: ["o200k_base", "cl100k_base", "p50k_base", "r50k_base", "p50k_edit", "gpt2"],
    loads: ["cl100k_base", "o200k_base"],
    volumes: [{ path: "/app/storage", what: "the plugin daemon's storage volume (./volumes/plugin_daemon:/app/storage)" }],
    note: "its Python plugins inherit the daemon's environment and read with tiktoken",
    signs: { repositories: ["github.com/langgenius/dify-plugin-daemon"], programs: ["/app/main"], env: [["UV_PATH", "PLATFORM", "GIN_MODE"]] },
    sources: [
      {
        repository: "langgenius/dify-plugin-daemon",
        path: "docker/local.dockerfile",
        at: "bdb5642a19009c944b78eca12f3d176801a4a8be (0.6.10+6)",
        fact: 'ENV TIKTOKEN_CACHE_DIR=/app/.tiktoken, preloads o200k_base, cl100k_base, p50k_base, r50k_base, p50k_edit, gpt2; ENV UV_PATH, PLATFORM, GIN_MODE; CMD "/app/commandline migrate && exec /app/main"'
      },
      { repository: "langgenius/dify-plugin-daemon", path: "internal/core/local_runtime/subprocess.go", at: "bdb5642a19009c944b78eca12f3d176801a4a8be", fact: "plugins start with the daemon's environment (cmd.Environ())" },
      { repository: "langgenius/dify-plugin-daemon", path: ".env.example", at: "bdb5642a19009c944b78eca12f3d176801a4a8be", fact: "PLUGIN_STORAGE_LOCAL_ROOT=./storage (WORKDIR /app)" },
      { repository: "langgenius/dify", path: "issue #14565", at: "v1.0.0", fact: "plugins load cl100k_base/o200k_base at run time and fail offline" }
    ]
  }
};
function isGatewayName(value) {
  return GATEWAYS.includes(value);
}

export {
  GATEWAYS,
  PROFILES,
  isGatewayName
};
