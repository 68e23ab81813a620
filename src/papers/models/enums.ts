import { registerEnumType } from '@nestjs/graphql';
import { ConsultationKind, PaperConcerns } from '../rules/index.js';

registerEnumType(PaperConcerns, {
  name: 'PaperConcerns',
  description: "The step of the agreement's life a council paper reports on.",
});
registerEnumType(ConsultationKind, {
  name: 'ConsultationKind',
  description: "A step of a paper: the district office's own decision (Beschluss des Bezirksamts), or a consultation by a council body.",
});

export { ConsultationKind, PaperConcerns };
