// How the core talks to people. The action's entry backs it with @actions/core (which masks
// registered secrets); the CLI backs it with stderr and its own mask list. The core never
// imports @actions/core itself.
export interface Logger {
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  /** Collapsible section in Actions; a heading elsewhere. */
  group<T>(title: string, body: () => Promise<T>): Promise<T>;
}

/** A logger that keeps every line, for tests. */
export function memoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(m),
    notice: (m) => void lines.push(`notice: ${m}`),
    warning: (m) => void lines.push(`warning: ${m}`),
    debug: (m) => void lines.push(`debug: ${m}`),
    group: async (title, body) => {
      lines.push(`group: ${title}`);
      return body();
    },
  };
}
