// A real OpenID Connect provider for the staff sign-in tests: npm's oidc-provider (a certified
// implementation) with its built-in development interactions (login form, consent page, logout page).
//
//   OIDC_PORT=… OIDC_HOST_URL=http://127.0.0.1:… OIDC_CLIENT_SECRET=… OIDC_SETUP_SECRET=… node provider.mjs
//
// Clients:
// - "medborgarlofte-staff": the host under test; confidential, authorisation code with PKCE required,
//   redirect and post-logout addresses on OIDC_HOST_URL.
// - "setup": client credentials only; its access token is a JWT for the staff API (admin, every
//   municipality), so the tests can create surveys through the API with a token this provider signed.
// Every account signs in with any password; its claims are role=analyst and municipality=2514.
// Each request and each protocol event is written to stdout as one JSON line, for the tests to read.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const host = (process.env.OIDC_HOST_URL ?? '').replace(/\/$/, '');
const clientSecret = process.env.OIDC_CLIENT_SECRET;
const setupSecret = process.env.OIDC_SETUP_SECRET;
if (!port || !host || !clientSecret || !setupSecret) {
  console.error('OIDC_PORT, OIDC_HOST_URL, OIDC_CLIENT_SECRET and OIDC_SETUP_SECRET are required');
  process.exit(2);
}

const staffResource = 'urn:medborgarlofte:staff-api';
const log = (event, data) => console.log(JSON.stringify({ event, ...data }));

// A signing key of this run's own (the package's development keys are public).
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'test-' + randomBytes(4).toString('hex') };

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: 'medborgarlofte-staff',
      client_secret: clientSecret,
      // ASP.NET Core's handler sends the secret in the body.
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [`${host}/signin-oidc`],
      post_logout_redirect_uris: [`${host}/signout-callback-oidc`],
    },
    {
      client_id: 'setup',
      client_secret: setupSecret,
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    },
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'staff'],
  claims: {
    openid: ['sub'],
    profile: ['name'],
    staff: ['role', 'municipality'],
  },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, name: `Testanalytiker ${id}`, role: ['analyst'], municipality: ['2514'] };
      },
    };
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // Only the setup client's tokens are for the staff API; the host's own access token stays a
      // userinfo token, so the sign-in reads its claims from userinfo as a real provider would serve them.
      defaultResource: (ctx, client) => (client?.clientId === 'setup' ? staffResource : undefined),
      useGrantedResource: () => false,
      getResourceServerInfo: (ctx, resource) => {
        if (resource !== staffResource) throw new Error(`unknown resource ${resource}`);
        return {
          scope: 'staff',
          audience: 'medborgarlofte-staff',
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  extraTokenClaims: (ctx, token) =>
    token.clientId === 'setup' ? { role: ['admin'], municipality: ['*'] } : undefined,
});

provider.use(async (ctx, next) => {
  await next();
  log('request', { method: ctx.method, path: ctx.path, status: ctx.status });
});
provider.on('pushed_authorization_request.success', (ctx) => log('par', { client: ctx.oidc.client?.clientId }));
provider.on('authorization.accepted', (ctx) => {
  const p = ctx.oidc.params;
  log('authorization', {
    client: ctx.oidc.client?.clientId,
    response_type: p.response_type,
    scope: p.scope,
    redirect_uri: p.redirect_uri,
    code_challenge_method: p.code_challenge_method,
    code_challenge: Boolean(p.code_challenge),
  });
});
provider.on('interaction.started', (ctx, prompt) => log('interaction', { prompt: prompt.name }));
provider.on('grant.success', (ctx) => log('token', {
  client: ctx.oidc.client?.clientId,
  grant_type: ctx.oidc.params.grant_type,
  code_verifier: Boolean(ctx.oidc.params.code_verifier),
}));
provider.on('grant.error', (ctx, error) => log('token-error', { error: error.message }));
provider.on('authorization.error', (ctx, error) => log('authorization-error', { error: error.message, detail: error.error_description }));
provider.on('end_session.success', (ctx) => log('end_session', { client: ctx.oidc.client?.clientId }));
provider.on('server_error', (ctx, error) => log('server-error', { error: error.stack }));

provider.listen(port, '127.0.0.1', () => log('listening', { issuer: provider.issuer }));
