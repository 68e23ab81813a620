import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { databaseAnswers } from '../database/health.js';

@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** Ready only when the database answers, so a load balancer stops sending work otherwise. */
  @Get()
  async health(@Res() res: Response): Promise<void> {
    if (await databaseAnswers(this.dataSource)) res.status(HttpStatus.OK).json({ status: 'ok', database: 'up' });
    else res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'unavailable', database: 'down' });
  }
}
