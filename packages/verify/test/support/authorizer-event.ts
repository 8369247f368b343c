import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';

/**
 * An HTTP API (payload format 2.0) Lambda authorizer event for `GET /orders` whose identity
 * source is `$request.header.Authorization`, shaped as in the API Gateway developer guide.
 * (A candidate for `@cognito-triggers/events/testing`, which builds Cognito events only.)
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */
export function httpApiAuthorizerEvent(authorization?: string): APIGatewayRequestAuthorizerEventV2 {
  const headers: Record<string, string> = {
    accept: 'application/json',
    host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'user-agent': 'curl/8.5.0',
    'x-forwarded-proto': 'https',
  };
  if (authorization !== undefined) headers.authorization = authorization;
  return structuredClone({
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/orders',
    identitySource: authorization === undefined ? [] : [authorization],
    routeKey: 'GET /orders',
    rawPath: '/orders',
    rawQueryString: '',
    cookies: [],
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method: 'GET',
        path: '/orders',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'curl/8.5.0',
      },
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      routeKey: 'GET /orders',
      stage: '$default',
      time: '26/Nov/2026:06:00:00 +0000',
      timeEpoch: 1795672800000,
    },
  });
}
