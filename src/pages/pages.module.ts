import { Module } from '@nestjs/common';
import { FormsController } from './forms.controller.js';
import { PagesController } from './pages.controller.js';
import { PagesService } from './pages.service.js';
import { SignInController } from './sign-in.controller.js';

/** German web pages for council offices and signatories, served by the service itself; a client of its GraphQL. */
@Module({
  controllers: [PagesController, FormsController, SignInController],
  providers: [PagesService],
})
export class PagesModule {}
