// Fixtures for the survey tests.
import { localTimeOf, type QuestionInput, type SurveyInput } from './service.js';

export const HOUR = 3600_000;
export const q = (over: Partial<QuestionInput>): QuestionInput => ({ kind: 'single', title: '题目', required: true, options: '', minPicks: '', maxPicks: '', scaleMin: '1', scaleMax: '5', scaleMinLabel: '', scaleMaxLabel: '', maxLength: '200', ...over });
export const surveyInput = (over: Partial<SurveyInput> = {}): SurveyInput => ({
  title: '测试调查', description: '', opensAt: localTimeOf(new Date(Date.now() - HOUR)), closesAt: localTimeOf(new Date(Date.now() + 48 * HOUR)), maxPerAddress: '3', phoneCheck: false, consultationId: '', ...over,
});

