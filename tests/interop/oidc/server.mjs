// oidc-provider (a certified OpenID provider) on loopback, configured for tokenspec's interop
// tests: client-credentials clients authenticating with client_secret_basic, client_secret_post
// and client_secret_jwt, token introspection, a scope, and short token lifetimes.
//
// Usage: node server.mjs [port]   (port 0 or none: any free port)
// Prints one line `listening <issuer>` once it accepts connections; the test reads it.
import http from 'node:http';
import Provider from 'oidc-provider';

const TOKEN_TTL_SECONDS = Number(process.env.OIDC_TOKEN_TTL ?? 4);

const server = http.createServer();
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'basic-client',
        client_secret: 'basic-secret-0123456789',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'api:read api:write',
      },
      {
        client_id: 'post-client',
        client_secret: 'post-secret-0123456789',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_post',
        scope: 'api:read',
      },
      {
        // Registered for client_secret_jwt: a client sending this secret in a Basic header
        // or a form body uses the wrong authentication method and must be refused.
        client_id: 'jwt-client',
        client_secret: 'jwt-secret-0123456789-0123456789-0123456789',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_jwt',
        scope: 'api:read',
      },
    ],
    scopes: ['api:read', 'api:write'],
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      // Lets the tests ask the provider itself whether a token is still active.
      introspection: { enabled: true },
    },
    ttl: { ClientCredentials: TOKEN_TTL_SECONDS },
  });
  // Loopback only: no proxy in front, plain http.
  server.on('request', provider.callback());
  console.log(`listening ${issuer}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
