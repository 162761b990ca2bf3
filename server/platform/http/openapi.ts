import { z } from 'zod';
import { ZErrorResponse } from '../../../shared/contracts/common';
import { binary, type AnyRoute } from './route';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return rest as JsonSchema;
}

/** Path and query parameters come from the object schema's properties. */
function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function security(route: AnyRoute) {
  return route.access.kind === 'public' ? [] : [{ session: [] }];
}

function accessNote(route: AnyRoute): string {
  if (route.access.kind === 'public') {
    return route.access.authenticatedBy
      ? `Access: no session; the request must carry ${route.access.authenticatedBy}.`
      : 'Access: anyone.';
  }
  const kinds = route.access.organisationKinds?.join(', ') ?? 'any organisation';
  const roles = route.access.roles?.join(', ') ?? 'any role';
  return `Access: signed in; organisation kind ${kinds}; role ${roles}.`;
}

/** OpenAPI 3.1 from the same route table the router is built from, so the document cannot miss a route. */
export function buildOpenApiDocument(routes: readonly AnyRoute[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = toOpenApiPath(route.path);
    const fileContent = {
      'application/octet-stream': {
        schema: { type: 'string', contentMediaType: 'application/octet-stream' },
      },
    };
    const success =
      route.response === null
        ? { '204': { description: 'No content' } }
        : route.response === binary
          ? { '200': { description: 'The file', content: fileContent } }
          : {
              [String(route.status ?? 200)]: {
                description: 'OK',
                content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
              },
            };
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      description: accessNote(route),
      tags: [route.tag],
      security: security(route),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.upload
        ? {
            requestBody: {
              required: true,
              description: `One file: ${route.upload.accept.join(', ')}`,
              content: fileContent,
            },
          }
        : {}),
      ...(route.rawBody
        ? {
            requestBody: {
              required: true,
              description: `The exact bytes the sender signed, at most ${route.rawBody.maxBytes} bytes`,
              content: { 'application/json': { schema: {} } },
            },
          }
        : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        ...success,
        default: {
          description: 'Error',
          content: { 'application/json': { schema: jsonSchema(ZErrorResponse, 'output') } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0' as const,
    info,
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'pasar_sid' } } },
    paths,
  };
}
