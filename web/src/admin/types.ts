import type { Schemas } from '../api/types';

/** Staff users and API keys, as the API serves them. */
export type User = Schemas['UserDto'];
export type ApiKey = Schemas['ApiKeyDto'];
export type CreatedApiKey = Schemas['CreatedApiKeyDto'];
