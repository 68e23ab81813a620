import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const fromPackage = (name: string, file: string) => join(dirname(require.resolve(`${name}/package.json`)), file);

/** Where the page's scripts and styles are served, from the installed packages: the IDE works offline. */
export const IDE_ASSETS_PATH = '/graphql-ide';
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: fromPackage('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: fromPackage('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: fromPackage('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: fromPackage('graphiql', 'graphiql.min.css'), type: 'text/css' },
};

/** Serves exactly the files above; anything else under the path is left to the 404. */
export function ideAssets() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const asset = ASSETS[req.path.slice(1)];
    if (!asset || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    res.type(asset.type).sendFile(asset.file);
  };
}

/** GraphiQL on `GET <graphqlPath>`, with a field for a token that lives only in the open page. */
export function graphiqlLandingPage(graphqlPath: string): ApolloServerPlugin {
  const html = page(graphqlPath);
  return {
    serverWillStart: () => Promise.resolve({ renderLandingPage: () => Promise.resolve({ html }) }),
  };
}

const page = (graphqlPath: string) => `<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8" />
<title>zv-register · GraphiQL</title>
<link rel="stylesheet" href="${IDE_ASSETS_PATH}/graphiql.css" />
<style>
  body { margin: 0; height: 100vh; display: flex; flex-direction: column; }
  #token-bar { display: flex; gap: 0.5rem; align-items: center; padding: 0.4rem 0.8rem; font: 14px system-ui, sans-serif; border-bottom: 1px solid #ddd; }
  #token-bar input { flex: 1; font-family: monospace; }
  #graphiql { flex: 1; min-height: 0; }
</style>
</head>
<body>
<form id="token-bar" autocomplete="off" onsubmit="return false">
  <label for="token">Token</label>
  <input id="token" type="password" spellcheck="false" placeholder="Token einfügen (npm run -s cli -- token …); er bleibt nur in dieser Seite" />
</form>
<div id="graphiql">GraphiQL lädt …</div>
<script src="${IDE_ASSETS_PATH}/react.js"></script>
<script src="${IDE_ASSETS_PATH}/react-dom.js"></script>
<script src="${IDE_ASSETS_PATH}/graphiql.js"></script>
<script>
  const tokenField = document.getElementById('token');
  const token = () => tokenField.value.trim().replace(/^Bearer\\s+/i, '');
  const post = GraphiQL.createFetcher({ url: ${JSON.stringify(graphqlPath)} });
  // Read at each request, never stored: closing the page forgets the token.
  const fetcher = (params, options) =>
    post(params, { ...options, headers: { ...(options && options.headers), ...(token() ? { authorization: 'Bearer ' + token() } : {}) } });
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  // A new token loads the schema again, now with the rights it gives.
  const render = () => root.render(React.createElement(GraphiQL, { key: token(), fetcher, shouldPersistHeaders: false, defaultEditorToolsVisibility: true }));
  tokenField.addEventListener('change', render);
  render();
</script>
</body>
</html>
`;
