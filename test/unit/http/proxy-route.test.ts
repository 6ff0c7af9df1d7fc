import { describe, expect, it } from 'vitest';
import { proxyFor } from '../../../src/http/proxy-route.js';

const HTTP = 'http://proxy.example:3128';
const HTTPS = 'http://secure-proxy.example:3129';

describe('proxyFor: the downloads’ routing rules', () => {
  it.each([
    ['http://registry.example/v2/', {}, undefined],
    ['http://registry.example/v2/', { http: HTTP }, HTTP],
    ['https://registry.example/v2/', { http: HTTP }, undefined],
    ['https://registry.example/v2/', { http: HTTP, https: HTTPS }, HTTPS],
    ['http://registry.example/v2/', { https: HTTPS }, undefined],
    ['http://127.0.0.1:5000/v2/', { http: HTTP }, undefined],
    ['http://localhost:5000/v2/', { http: HTTP }, undefined],
    ['http://[::1]:5000/v2/', { http: HTTP }, undefined],
    ['http://127.example.com/v2/', { http: HTTP }, HTTP],
    ['http://registry.example/v2/', { http: HTTP, noProxy: '*' }, undefined],
    ['http://registry.example/v2/', { http: HTTP, noProxy: 'other.example, registry.example' }, undefined],
    ['http://a.registry.example/v2/', { http: HTTP, noProxy: 'registry.example' }, undefined],
    ['http://a.registry.example/v2/', { http: HTTP, noProxy: '.registry.example' }, undefined],
    ['http://registry.example.org/v2/', { http: HTTP, noProxy: 'registry.example' }, HTTP],
    ['http://notregistry.example/v2/', { http: HTTP, noProxy: 'registry.example' }, HTTP],
    ['http://registry.example:5000/v2/', { http: HTTP, noProxy: 'registry.example:5000' }, undefined],
    ['http://registry.example:5001/v2/', { http: HTTP, noProxy: 'registry.example:5000' }, HTTP],
    ['http://registry.example/v2/', { http: HTTP, noProxy: 'REGISTRY.EXAMPLE:80' }, undefined],
    ['https://registry.example/v2/', { https: HTTPS, noProxy: 'registry.example:443' }, undefined],
  ])('%s with %j → %s', (url, settings, expected) => {
    expect(proxyFor(new URL(url), settings)?.href.replace(/\/$/, '')).toBe(expected);
  });

  it('takes no settings as direct', () => {
    expect(proxyFor(new URL('http://registry.example/'), undefined)).toBeUndefined();
  });
});
