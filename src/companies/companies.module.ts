import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CompaniesController } from './companies.controller';
import { CompaniesService } from './companies.service';
import { CompanyMergeHooks } from './company-merge.hooks';
import { CompanyRevenuesService } from './company-revenues.service';
import { ContactsService } from './contacts.service';

@Module({
  imports: [AuthModule],
  controllers: [CompaniesController],
  providers: [CompaniesService, ContactsService, CompanyRevenuesService, CompanyMergeHooks],
  exports: [CompaniesService, ContactsService, CompanyMergeHooks],
})
export class CompaniesModule {}
