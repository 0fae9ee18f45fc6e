// A real OpenID Connect provider on loopback for the sign-in tests (npm package oidc-provider).
//
//   node tools/oidc_provider.mjs world.json
//
// Serves on 127.0.0.1 at a free port and prints "listening http://127.0.0.1:<port>".
// world.json holds {"clients": [...oidc-provider client metadata], "accounts": {"<sub>": {claims}}}.
// Accounts are read again at every look-up, so a test changes someone's groups, or
// removes them, by rewriting the file. Signing in takes no UI: POST login=<sub> to
// the interaction's address. Like Entra ID, the groups travel in the id_token.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import Provider, { interactionPolicy } from 'oidc-provider';

const worldFile = process.argv[2];
const world = () => JSON.parse(readFileSync(worldFile, 'utf8'));
const scopes = 'openid email profile';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'loopback', alg: 'RS256', use: 'sig' };

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function page(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html><body>${html}</body></html>`);
}

// Someone removed while signed in here must sign in again, and can't: as Entra ID answers a
// re-check (prompt=none) for a deleted or blocked account, with login_required.
const policy = interactionPolicy.base();
policy.get('login').checks.push(new interactionPolicy.Check(
  'account_gone', 'the account no longer exists', 'login_required',
  (ctx) => Boolean(ctx.oidc.session.accountId && !ctx.oidc.account),
));

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: world().clients,
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub', 'groups'], email: ['email'], profile: ['name', 'preferred_username'] },
    conformIdTokenClaims: false, // every granted claim in the id_token, as Entra ID does with groups
    features: { devInteractions: { enabled: false } },
    interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, sub) {
      const claims = world().accounts[sub];
      return claims && { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
    // The city consents for its staff: no consent screen, as for an app registered by the tenant.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(scopes);
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (ctx, error) => console.error('server_error', error));
  const callback = provider.callback();

  server.on('request', async (req, res) => {
    const uid = req.url.match(/^\/interaction\/([\w-]+)$/)?.[1];
    if (!uid) return callback(req, res);
    try {
      if (req.method === 'GET') {
        return page(res, 200, `<form method="post" action="/interaction/${uid}"><input name="login"><button>Sign in</button></form>`);
      }
      const sub = (await readForm(req)).get('login');
      if (!world().accounts[sub]) return page(res, 403, '<p>Unknown account</p>');
      await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
    } catch (error) {
      page(res, 400, `<p>${error.name}</p>`);
    }
  });
  console.log(`listening ${issuer}`);
});
