import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER } from './auth/strategies/api-key.strategy';

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Park Recruitment CRM API')
    .setDescription(
      'Mentougou Park recruitment CRM. Errors are RFC 9457 problem+json with a stable `code`; lists are keyset-paginated ' +
        '(`limit`, `cursor`, `sort`); changes need `If-Match`; creating POSTs accept `Idempotency-Key`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER }, 'api-key')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** The document at /api/docs-json (and -yaml) for integrators; Swagger UI at /api/docs when `ui`. */
export function setupOpenApi(app: INestApplication, ui: boolean): void {
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
    useGlobalPrefix: false,
    ui,
  });
}
