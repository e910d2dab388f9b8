import {
  Controller,
  Get,
  Headers,
  HttpCode,
  Post,
  Query,
  Req,
  type RawBodyRequest,
} from '@nestjs/common';
import {
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Authorize, Public } from '../auth/policies/auth-decision.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { ApiPageResponse, Page } from '../common/pagination/page';
import type { ComputeIntent } from './compute-intent.entity';
import { ComputeOutbox, type IntentListItem } from './compute-outbox.service';
import { ComputeWebhooksService, WEBHOOK_EVENT_TYPES } from './compute-webhooks.service';
import { ListIntentsQuery } from './dto/compute-center.dto';
import {
  ComputeIntentDto,
  ComputeIntentListItemDto,
  WebhookReceiptDto,
} from './dto/compute-center-responses.dto';

@ApiTags('compute center')
@Controller('integrations/compute-center')
export class ComputeCenterIntegrationController {
  constructor(
    private readonly webhooks: ComputeWebhooksService,
    private readonly outbox: ComputeOutbox,
  ) {}

  /** Authenticated by its Standard Webhooks signature (the shared secret), not by a user or key. */
  @Post('events')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Events from the compute center, signed per Standard Webhooks',
    description: `Types: ${WEBHOOK_EVENT_TYPES.join(', ')}. A redelivered webhook-id is acknowledged without effect; events older than the stored state are ignored.`,
  })
  @ApiHeader({ name: 'webhook-id', required: true })
  @ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds, ±5 minutes' })
  @ApiHeader({ name: 'webhook-signature', required: true, description: 'v1,<base64 HMAC-SHA256>' })
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        type: { enum: [...WEBHOOK_EVENT_TYPES] },
        timestamp: { type: 'string' },
        data: { type: 'object' },
      },
    },
  })
  @ApiOkResponse({ type: WebhookReceiptDto })
  @ApiUnauthorizedResponse({
    description: 'INVALID_WEBHOOK_SIGNATURE: bad signature or stale timestamp',
  })
  async events(
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Headers() headers: Record<string, string | string[] | undefined>,
  ): Promise<WebhookReceiptDto> {
    const { id, event } = this.webhooks.verify(request.rawBody, headers);
    return this.webhooks.receive(id, event);
  }

  @Get('outbox')
  @Authorize('manage', 'Integration')
  @ApiOperation({
    summary: 'Calls owed to the compute center; status=dead is the dead-letter queue',
  })
  @ApiPageResponse(ComputeIntentListItemDto)
  outboxList(@Query() query: ListIntentsQuery): Promise<Page<IntentListItem>> {
    return this.outbox.list(query);
  }

  @Post('outbox/:id/retry')
  @Authorize('manage', 'Integration')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a dead-lettered call again, with its original Idempotency-Key' })
  @ApiOkResponse({ type: ComputeIntentDto })
  retry(@UuidParam() id: string): Promise<ComputeIntent> {
    return this.outbox.retry(id);
  }
}
