import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { writeFileSync } from 'node:fs';
import { AppModule } from './app.module';
import { validateEnvironment } from './config/environment';
import { API_PREFIX } from './create-app';
import { openApiDocument } from './openapi';

/**
 * Writes the OpenAPI document without a database: in preview mode Nest reads the controllers'
 * metadata but instantiates nothing. The web admin's client types are generated from it.
 */
async function main(): Promise<void> {
  const [output] = process.argv.slice(2);
  const env = validateEnvironment({ ...process.env, NODE_ENV: 'development' });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(env, { url: 'postgres://preview@localhost/preview', embedded: false }),
    new FastifyAdapter(),
    { preview: true, logger: false },
  );
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  const document = JSON.stringify(openApiDocument(app), null, 2);
  if (output) writeFileSync(output, document + '\n');
  else process.stdout.write(document + '\n');
  await app.close();
}

void main();
