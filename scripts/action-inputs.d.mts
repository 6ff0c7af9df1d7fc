export function actionInputDocs(path?: string | URL): Record<string, { description: string; default?: string }>;
