import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { markdownUpload as upload, reportUpload, testApp } from "../helpers/app.js";

// What kind of answer a question asks for, and whose report may give it: sentences taken from real reports in
// ../shared/corpus/extra (Binh Duong, Nghe An, Tu Ky, Dong Nai, the Provincial Agencies Bloc), one small report each.

let app: App;

beforeAll(async () => {
  ({ app } = await testApp());
  const reports = [
    upload(
      "binh-duong-35th.md",
      'title: "Provincial Party Executive Committee contribute ideas to Draft Document of the 11th Provincial Party Congress (Binh Duong)"\nurl: https://example.org/binh-duong-35th\ndate: 2020-02-12',
      "On 5 Feb, Provincial Party Committee held the 35th session of Provincial Party Executive Committee, 10th term. Trần Văn Nam, Secretary of Provincial Party Committee, chaired the conference.\n\n" +
        "In addition, the conference summarized 15 years of implementing the 10th Party Central Committee's Resolution No. 27-NQ/TW dated August 6, 2008 on building a contingent of intellectuals.\n\n" +
        "The participants of the conference listened, discussed and contributed ideas to the Draft of Collective and individual review report of Provincial Party Standing Committee of 2019 and the Draft Document of the 11th Provincial Party Congress, tenure 2020-2025.\n",
    ),
    upload(
      "binh-duong-8th.md",
      'title: "Briefly informing results of 13th Party Central Committee\'s 8th session (Binh Duong)"\nurl: https://example.org/binh-duong-8th\ndate: 2023-10-20',
      "On the afternoon of October 19, provincial Party Standing Committee held a conference to briefly inform the results of the 13th Party Central Committee's 8th session.\n\n" +
        "The conference was held online at 98 district and commune-level points with the participation of 8,300 officials, Party members and civil servants.\n\n" +
        "Accordingly, the Central Committee's conference took place from October 2 to 8 in Hanoi, which was presided over by Party General Secretary Nguyen Phu Trong.\n",
    ),
    upload(
      "nghe-an-mid-term.md",
      'title: "Review and evaluate the implementation results of the 2010-2015 mid-term Party Congress Resolution (Nghe An)"\nurl: https://example.org/nghe-an-mid-term\ndate: 2013-04-26',
      "The Standing Committee of Nghe An Provincial Party Committee requests Party committees at all levels to review the results of implementing the Resolution of the Party Congress (2010-2015).\n\n" +
        "The mid-term review must be on schedule: the grassroots level must complete before May 30, 2013; the provincial level must complete before June 30, 2013.\n",
    ),
    upload(
      "tu-ky-town.md",
      'title: "Tu Ky Town Party Committee selected to hold the district\'s model congress (Hai Duong)"\nurl: https://example.org/tu-ky-town\ndate: 2024-12-01',
      "The Standing Committee of the Tu Ky District Party Committee selected the Tu Ky Town Party Committee to hold a pilot congress to draw general lessons.\n\n" +
        "The town's Party Committee was selected to hold the model congress for the district because it consistently performs well and excellently in its tasks.\n",
    ),
    upload(
      "agencies-bloc.md",
      'title: "The Party Committee of the Provincial Agencies Bloc guides the organization of Party cell congresses (Hai Duong)"\nurl: https://example.org/agencies-bloc\ndate: 2024-11-13',
      "At the conference on the morning of November 13, the leaders of the Party Organization Committee of the Provincial Agencies Bloc informed 450 full-time cadres of the core contents of Directive No. 35-CT/TW.\n\n" +
        "According to the plan, Party cells under the Party Committees of departments will hold their congresses in half a day, completing them before March 31, 2025.\n",
    ),
    upload(
      "dong-nai-session.md",
      'title: "The 13th Session of the 7th Provincial People\'s Council ended with 10 resolutions passed (Dong Nai)"\nurl: https://example.org/dong-nai-13th\ndate: 2008-07-24',
      "After that, Chairman of the Provincial People's Committee Vo Van Mot presented 8 solutions for implementation of socio-economic tasks from now to the end of 2008. The solutions are:\n\n" +
        "1. Prioritizing inflation curb, stabilizing the rate and quality of the economic growth;\n2. Promoting market control to prevent speculation and price increase;\n3. Speeding up site clearance for key projects.\n",
    ),
    upload(
      "hung-yen-congress.md",
      'title: "Nguyen Huu Nghia continues to serve as Secretary of Hung Yen\'s Party Committee"\nurl: https://example.org/hung-yen-2025\ndate: 2025-10-03\nplace: Hung Yen province',
      "Hung Yen (VNA) – Nguyen Huu Nghia, Secretary of the Party Committee of Hung Yen province in the 2020–2025 tenure, has been assigned to hold the Secretary position for the 2025–2030 tenure.\n\n" +
        "Participants at the congress, which concluded on October 3, also listened to the Politburo’s decisions to appoint 70 individuals to the provincial Party Committee and 22 to its Standing Board for the new tenure.\n\n" +
        "Tran Quoc Toan, Tran Quoc Van, Nguyen Khac Than, and Nguyen Manh Hung became Deputy Secretaries of the provincial Party Committee.\n",
    ),
    upload(
      "hcmc-fifth.md",
      'title: "HCM City Party Committee mulls over socio-economic development"\nurl: https://example.org/hcmc-5th\ndate: 2021-04-13\nplace: Ho Chi Minh City',
      "The Ho Chi Minh City Party Committee held the fifth conference in the 11th tenure on April 13 to discuss a draft resolution.\n\n" +
        "Chairing the event, Politburo member and Secretary of the municipal Party Committee Nguyen Van Nen said the first quarter saw positive results.\n",
    ),
    upload(
      "thai-binh.md",
      'title: "Thai Binh Provincial Party Committee reviews 2023"\nurl: https://example.org/thai-binh-2023\ndate: 2023-11-13\nplace: Thai Binh province',
      "Comrade Thai Thi Thu Huong, Secretary of Thai Thuy District Party Committee, spoke at the discussion group.\n\n" +
        "Comrade Ngo Dong Hai, Secretary of the Provincial Party Committee, chaired the conference.\n\n" +
        "Comrade Dang Thanh Giang, Member of the Provincial Party Standing Committee, Permanent Vice Chairman of the Provincial People's Council, Head of Group 1 chaired the discussion at the group.\n\n" +
        "Comrade Nguyen Quang Hung, member of the Provincial Party Standing Committee, Permanent Vice Chairman of the Provincial People's Committee, head of discussion group No. 2 spoke at the discussion session.\n\n" +
        "Inspection and supervision work was given great importance. Party committees at all levels inspected 400 party organizations (TCĐ), 756 party members; supervised 409 TCĐs, 816 party members.\n",
    ),
    upload(
      "hai-duong-session.md",
      'title: "Hai Duong provincial People\'s Council opens 12th session (regular year-end)"\nurl: https://example.org/hai-duong-12th\ndate: 2022-12-07',
      "The 17th provincial People's Council opened the 12th session (regular year-end one) on December 7 morning at the Xu Dong Cultural Center.\n\n" +
        "As planned, the session will take place on December 7 and 8.\n",
    ),
    upload(
      "personnel.md",
      'title: "National teleconference announces Party building tasks for 2023"\nurl: https://example.org/personnel-2023\ndate: 2022-12-29',
      "Vo Van Thuong, Politburo member (Photo: VNA)\n\nVo Van Thuong, permanent member of the Party Central Committee's Secretariat, stressed that the sector contributed to the overall achievements of the country in 2022.\n\n" +
        "Party committees and organisations at all levels must focus on personnel work, Thuong stressed, adding that this work is not just about choosing people, but also replacing them.\n",
    ),
    upload(
      "binh-thuan-special.md",
      'title: "Closing of the 26th session of the 11th Binh Thuan Provincial People\'s Council: 13 important resolutions passed"\nurl: https://example.org/binh-thuan-26th\ndate: 2024-10-18',
      "On October 18, the 11th Binh Thuan Provincial People's Council held its 26th session, a special session.\n\n" +
        "The Provincial People's Council delegates discussed and unanimously approved 13 resolutions related to socio-economic issues.\n\n" +
        "Including resolutions on Adjusting the investment policy for 15 medical stations; Approving the investment policy for the project of building new items of Duc Linh High School, Duc Linh district; Approving the drainage system outside the fence of Nghia Hoa Industrial Cluster, Ham Tan district; Adjusting the medium-term public investment plan for the period 2021-2025.\n",
    ),
    upload(
      "hai-duong-22nd.md",
      'title: "Hai Duong Provincial Party Executive Committee opens its 22nd conference"\nurl: https://example.org/hai-duong-22nd\ndate: 2024-12-04',
      "On the morning of December 4, the Executive Committee of the Hai Duong Provincial Party Committee, 17th term, opened its 22nd conference.\n\n" +
        "Under the 2025 working program, the 23rd conference of the Provincial Party Executive Committee will be held in March and the 26th conference in September 2025.\n",
    ),
    upload(
      "hanoi-council-sessions.md",
      'title: "Hanoi People\'s Council reviews its tenure"\nurl: https://example.org/hanoi-council-sessions\ndate: 2021-06-28\nplace: Hanoi',
      "At the event Chairwoman of the council Nguyen Thi Bich Ngoc said that during the 2016-2021 tenure, the council organised 17 sessions whose resolutions have contributed to local development.\n",
    ),
    upload(
      "khanh-hoa-bridge.md",
      'title: "Central Organizing Committee holds conference to deploy fourth-quarter tasks (Khanh Hoa bridge point)"\nurl: https://example.org/khanh-hoa-bridge\ndate: 2024-10-02\nplace: Khanh Hoa province',
      "Mr. Le Minh Hung - Politburo member, Secretary of the Party Central Committee, Head of the Central Organizing Committee chaired the conference.\n\n" +
        "Attending the conference at Khanh Hoa bridge were Mr. Nguyen Khac Toan - Standing Deputy Secretary of the Provincial Party Committee; Nguyen Khac Ha - Member of the Provincial Party Committee Standing Committee, Head of the Provincial Party Committee's Organization Committee.\n",
    ),
    upload(
      "november-meeting.md",
      'title: "Provincial People\'s Committee holds second November meeting (2023 socio-economic draft report)"\nurl: https://example.org/november-meeting\ndate: 2023-11-28',
      "It is estimated that by November 30, 2023, the disbursement rate of public investment capital will only reach 49.85% of the plan; the disbursement rate of public investment capital will only reach 20.21% of the estimate assigned in 2023.\n",
    ),
    upload(
      "ben-cat-ward.md",
      'title: "Binh Duong inspects the preparations for the key grassroots congress"\nurl: https://example.org/ben-cat-ward\ndate: 2024-12-18\nplace: Binh Duong province',
      "On December 18, the Head of the Provincial Party Organizing Committee inspected the preparations for organizing the key congresses in Ben Cat City.\n\n" +
        "At the meeting, the representative of My Phuoc Ward's Party Committee reported on the preparation work for the congress. This is the Party Committee selected by the Provincial Party Standing Committee to organize a key congress at the grassroots level.\n",
    ),
    upload(
      "tu-ky-members.md",
      'title: "Tu Ky town prepares its Party congress (Hai Duong)"\nurl: https://example.org/tu-ky-members\ndate: 2024-12-05',
      "For the 2020-2025 term, the Minh Duc Commune Party Committee was selected to host the pilot congress for Tu Ky District.\n\n" +
        "The Party Committee of Tu Ky town currently has 405 party members operating in 12 branches.\n",
    ),
    upload(
      "hai-duong-2025-program.md",
      'title: "Hai Duong issues the 2025 working program of the Provincial Party Executive Committee"\nurl: https://example.org/hai-duong-2025\ndate: 2024-12-20',
      "Accordingly, in 2025, the Provincial Party Executive Committee will hold 4 regular conferences.\n\n" +
        "In addition to the above 4 regular conferences, the Provincial Party Executive Committee will organize extraordinary conferences depending on the specific situation.\n",
    ),
    upload(
      "quang-tri-vote.md",
      'title: "Quang Tri plans a vote of confidence for leaders and managers"\nurl: https://example.org/quang-tri-vote\ndate: 2023-05-10',
      "According to the plan, a vote of confidence will be taken for officials holding leadership and management positions in agencies and units of Quang Tri province, including:\n- Member of the Standing Committee of the Provincial Party Committee, together with the heads of the advisory and support agencies of the Provincial Party Committee and the leaders of the provincial mass organisations.\n- Heads and deputy heads of the Provincial Party Committee's Party Building Committee, the Provincial Party Committee's Inspection Committee and the Provincial Party Committee Office, and of the departments and branches.\n- Secretary, deputy secretary of district party committees, city party committees and town party committees, and the chairmen and vice chairmen of the district People's Committees and People's Councils.\n- Directors and deputy directors of public service units directly under the Provincial Party Committee and the Provincial People's Committee, and the heads of state-owned enterprises of the province.\n- Heads and deputy heads of the Fatherland Front and socio-political organisations at the provincial level, the editors-in-chief of the provincial newspaper and radio and television station.\n",
    ),
    upload(
      "binh-thuan-agencies.md",
      'title: "First conference of the Executive Committee of the Party Committee of provincial Party agencies (Binh Thuan)"\nurl: https://example.org/binh-thuan-agencies',
      "On February 11, 2025, the Standing Committee of Binh Thuan Provincial Party Committee issued Decision No. 2161 deciding to establish the Party Committee of the provincial Party agencies. At the time of establishment, the Party Committee of the provincial Party agencies had 23 grassroots Party organizations and 564 Party members.\n",
    ),
    upload(
      "tan-chau-congress.md",
      'title: "Tan Chau prepares thoroughly for the 8th District Party Congress (Tay Ninh)"\nurl: https://example.org/tan-chau-congress\ndate: 2025-02-15',
      "The Standing Committee of the District Party Committee held a conference to contribute opinions on the draft documents of the 8th District Party Congress, term 2025-2030.\n\n" +
        "According to the plan, the 8th District Party Congress, term 2025-2030 will be held and completed before August 31, 2025.\n",
    ),
    upload(
      "hai-duong-armed-forces.md",
      'title: "Hai Duong completes grassroots level Party Congress of armed forces"\nurl: https://example.org/hai-duong-armed-forces\ndate: 2020-05-20',
      "The Party committees of the armed forces of Hai Duong province have completed their grassroots congresses.\n\n" +
        "As scheduled, the 15th Hai Duong provincial Military Party Congress, the 2020 - 2025 term, will take place in early June.\n",
    ),
    upload(
      "hcmc-34th.md",
      'title: "34th session of 11th HCMC Party Executive Committee opens"\nurl: https://example.org/hcmc-34th\ndate: 2024-12-04\nplace: Ho Chi Minh City',
      "The 34th session of the 11th HCMC Party Executive Committee of the 2020-2025 tenure opened this morning.\n\n" +
        "At the meeting, the Ho Chi Minh City Party Committee will review the implementation of Resolution 18-NQ/TW dated October 25, 2017, of the 12th Party Central Committee on “Several issues on the continued reform and rearrangement for a lean, effective, and efficient apparatus of the political system”.\n",
    ),
    upload(
      "hung-yen-190th.md",
      'title: "Reviewing activities to celebrate the 190th anniversary of Hung Yen province"\nurl: https://example.org/hung-yen-190th\ndate: 2021-11-29\nplace: Hung Yen province',
      "On November 29, the Commemorative Organizing board of the 190th anniversary of the foundation of Hung Yen province held a meeting to review and evaluate commemorative activities.\n\n" +
        "The Department of Culture, Sports and Tourism has completed the schedule of the celebration.\n",
    ),
    reportUpload("Ha Nam", "https://example.org/ha-nam-2023", "1,251"),
    // Its "Party Cell Congresses" is no person a lower-case question names ("deadline for party cell congresses…" below).
    upload(
      "tan-chau-cells.md",
      'title: "Tan Chau prepares thoroughly for the 8th District Party Congress (Tay Ninh)"\nurl: https://example.org/tan-chau',
      "As of January 2025, 40/172 Party cells under the grassroots Party Committees have held Party Cell Congresses for the 2025-2027 term.\n\n" +
        "The district set June 15, 2025 as the last day of the grassroots round.\n",
    ),
    upload(
      "hanoi-2nd.md",
      'title: "Hanoi Party Committee convenes 2nd meeting"\nurl: https://example.org/hanoi-2nd\ndate: 2020-11-28\nplace: Hanoi',
      "Secretary of the Hanoi Party Committee Vuong Dinh Hue speaks at the meeting (Photo: VNA)\n\n" +
        "Hanoi (VNA) – The 2nd meeting of the 17th Party Committee of Hanoi City was held on November 28 under the chair by its Secretary Vuong Dinh Hue. " +
        "He asked participants to focus on weaknesses and shortcomings such as environmental pollution and traffic congestion, so as to propose solutions to the issues.\n",
    ),
    upload(
      "kim-son-2024.md",
      'title: "Kim Son District Party Committee reviews 2023"\nurl: https://example.org/kim-son-2023\ndate: 2023-12-20',
      "Kim Son District Party Committee reviewed the work of 2023. Some targets for Kim Son district in 2024:\n\n- Recruit 150 new party members;\n- Keep the poverty rate below 2%.\n",
    ),
    upload(
      "binh-thuan-documents.md",
      'title: "First meeting of the Document Subcommittee of the 15th Provincial Party Congress (Binh Thuan)"\nurl: https://example.org/binh-thuan-documents\ndate: 2024-06-12',
      "The Subcommittee for Documents of the 15th Provincial Party Congress was established under Decision No. 1626-QD/TU, consisting of 35 comrades.\n\n" +
        "The meeting also announced the decision to establish the Editorial Team assisting the Subcommittee.\n",
    ),
    upload(
      "bac-giang-2024.md",
      'title: "Bac Giang Provincial Party Committee reviews 2024"\nurl: https://example.org/bac-giang-2024\ndate: 2025-01-08\nplace: Bac Giang province',
      "On January 8, the Bac Giang Provincial Party Committee held a conference to review the work of 2024. In 2024, the province admitted 2,100 new party members.\n",
    ),
    upload(
      "ninh-binh-briefing.md",
      'title: "Ninh Binh attends the online conference reviewing the Party\'s organisation work of 2023"\nurl: https://example.org/ninh-binh-2024\ndate: 2024-01-17\nplace: Ninh Binh province',
      "On the morning of January 17, comrade Truong Thi Mai, Politburo member, Standing member of the Secretariat, Head of the Central Organization Commission chaired an online conference to review the work of 2023 with comrades Secretaries of Provincial and Municipal Party Committees directly under the Central Government. " +
        "Attending the conference at the Ninh Binh province bridge were comrades: Doan Minh Huan, member of the Party Central Committee, Secretary of the Provincial Party Committee; Mai Van Tuat, Standing Deputy Secretary of the Provincial Party Committee, Chairman of the Provincial People's Council.\n\n" +
        "Also attending were comrades in the Provincial Party Standing Committee: To Van Tu, Head of the Provincial Party Committee's Organization Committee; Do Viet Anh, Head of the Provincial Party Committee's Mass Mobilization Committee.\n",
    ),
    upload(
      "hung-yen-city-21st.md",
      'title: "Hung Yen City Party Committee holds its 21st Congress"\nurl: https://example.org/hung-yen-city-21st\ndate: 2020-08-07\nplace: Hung Yen province',
      "On August 6, Hung Yen Municipal Party Committee solemnly organized the 21th Party Congress, term 2020 - 2025.\n\n" +
        "It drew the attendance of comrades in the Provincial Standing Committee, leaders of the provincial Party committees, Vietnamese Heroic Mothers, Labor Heroes and 245 representatives representing more than 7,000 Party members in the entire Hung Yen Municipal Party Committee.\n",
    ),
    upload(
      "nghe-an-confidence-vote.md",
      'title: "Nghe An plans the vote of confidence for leadership positions"\nurl: https://example.org/nghe-an-confidence\ndate: 2023-03-20\nplace: Nghe An province',
      "Pursuant to Regulation No. 96-QD/TW dated February 2, 2023 of the Politburo on taking a vote of confidence for leadership and management positions and titles in the political system, the Standing Committee of Nghe An Provincial Party Committee issued a plan.\n\n" +
        "Accordingly, the vote of confidence aims to contribute to assessing the prestige and performance of assigned duties and tasks of cadres; helping cadres self-examine, self-correct, continue to strive and practice in their work.\n",
    ),
    upload(
      "hai-duong-2025-conferences.md",
      'title: "Hai Duong Provincial Party Executive Committee will discuss personnel work for the 18th Congress"\nurl: https://example.org/hai-duong-2025-conferences\ndate: 2024-12-04\nplace: Hai Duong province',
      "On the morning of December 4, the Executive Committee of the Hai Duong Provincial Party Committee, 17th term, opened its 22nd conference.\n\n" +
        "The 23rd conference of the Provincial Party Executive Committee will be held in March; the 24th conference will be held in June; the 25th conference will be held in August and the 26th conference will be held in September 2025.\n\n" +
        "At the 25th conference, the Provincial Party Executive Committee will discuss personnel work and at the 26th conference, the Provincial Party Executive Committee will discuss and vote on personnel work for the 18th Provincial Party Congress, term 2025-2030.\n",
    ),
    upload(
      "ben-cat-inspection.md",
      'title: "Preparatory work for provincial grassroots congress examined (Binh Duong)"\nurl: https://example.org/ben-cat-inspection\ndate: 2024-12-19\nplace: Binh Duong province',
      "On December 18, Ms. Nguyen Minh Thuy, Provincial Party Standing Committee Member, Head of the Provincial Party Organizing Committee, inspected the preparations for organizing the key congresses and pilot congresses for the 2025-2030 term in Ben Cat city. " +
        "Also attending were Mr. Nguyen Van Loc, Provincial Party Standing Committee Member, Chairman of the Provincial People's Council; representatives of relevant agencies and localities.\n\n" +
        "Also at the meeting were To Van Tu, Head of the Provincial Party Committee's Organization Committee; Do Viet Anh, Head of the Provincial Party Committee's Mass Mobilization Committee; Le Huu Quy, Head of the Provincial Party Committee's Internal Affairs Department.\n",
    ),
    upload(
      "hung-yen-2023-tasks.md",
      'title: "Hung Yen: Deploying the task of Party building in 2023"\nurl: https://example.org/hung-yen-2023-tasks\ndate: 2023-01-10\nplace: Hung Yen province',
      "Speaking at the conclusion of the conference, Secretary of the Provincial Party Committee Nguyen Huu Nghia affirmed the leadership of the Provincial Party Committee in the successful implementation of the 2022 plan. The Secretary also pointed out the shortcomings and limitations in performing the tasks of socio-economic development and building the Party, at the same time noting eight important tasks that the province’s Party Committee needs to focus on implementation in 2023:\n\n" +
        "Firstly, focusing on thoroughly grasping the synchronous implementation of the action programs of the Resolution of the 19th Provincial Party Congress.\n\n" +
        "Secondly, strengthening innovation and improving leadership capacity of Party committees and Party organizations at all levels.\n",
    ),
    upload(
      "central-mid-term.md",
      'title: "Party Central Committee\'s mid-term review holds confidence vote"\nurl: https://example.org/central-mid-term\ndate: 2023-05-17',
      "Party Central Committee’s mid-term review holds confidence vote - ảnh 1Party leader Nguyen Phu Trong and the leaders of the Party and State attend the closing of the mid-term review of the 13th Party Central Committee. (photo: VGP/Nhat Bac)\n\n" +
        "The Party Central Committee of the 11th and 12th tenure organized a vote of confidence for members of the Party Politburo and the Party Secretariat. The Politburo still uses three ratings: high confidence, confidence, and low confidence.\n\n" +
        "What is new is that, under the Politburo's Regulation 96 on votes of confidence for leadership and managerial positions in the political system, the result of the vote of confidence is used not just for cadre assessment.\n",
    ),
    upload(
      "dien-bien-documents.md",
      'title: "Subcommittee on 15th Dien Bien Provincial Party Congress documents convenes first meeting"\nurl: https://example.org/dien-bien-documents\ndate: 2024-08-20\nplace: Dien Bien province',
      "The Subcommittee was established by Decision No 4896-QĐ/TU on August 2, 2024 by the Điện Biên Provincial Party Committee, and consists of 27 members, with Secretary Trần Quốc Cường as its head.\n",
    ),
    upload(
      "hung-yen-19th.md",
      'title: "The 19th Hung Yen Provincial Party Congress, term 2020-2025, closes"\nurl: https://example.org/hung-yen-19th\ndate: 2020-10-16\nplace: Hung Yen province',
      "The Congress elected 52 comrades to the Executive Board of the 19th Provincial Party Committee, for the 2020-2025 term, and elected a delegation to attend the 13th National Party Congress, including 19 official delegates and 02 alternate delegates.\n",
    ),
  ];
  for (const r of reports) await app.library.add(r);
});
afterAll(() => app?.close());

describe("what kind of answer a question asks for", () => {
  it("'5 Feb' is a date; a document's 'dated August 6, 2008' is not the meeting's", async () => {
    const result = await app.ask("when did binh duong hold the 35th session of the provincial party executive committee 10th term");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("On 5 Feb");
    expect(result.answer).not.toContain("August 6, 2008");
  });

  it("'on what date' needs a day: a sentence naming only a year ('the review report of 2019') does not give one", async () => {
    const result = await app.ask("Hội nghị lần thứ 35 Ban Chấp hành Đảng bộ tỉnh Bình Dương khóa X (góp ý dự thảo văn kiện Đại hội XI) được tổ chức vào ngày nào?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toMatch(/^On 5 Feb/);
  });

  it("…unless the question asks when something was issued or set up: then the decision's date is the answer", async () => {
    const result = await app.ask("when was resolution 27-NQ/TW of the 10th party central committee issued");
    expect(result.answer).toContain("dated August 6, 2008");
  });

  it("a report about another province answers for the asked one only where a sentence names it", async () => {
    // The Binh Duong report names Hanoi once ("…took place from October 2 to 8 in Hanoi"): that sentence may answer, no other.
    const result = await app.ask("when did the hanoi people's council hold its 18th session");
    expect(result.answer).not.toContain("On the afternoon of October 19");
    expect(result.answer).not.toContain("On 5 Feb");
  });

  it("a year inside the asked span answers ('by June 30, 2013' for the 2010-2015 resolution)", async () => {
    const result = await app.ask("By what date did Nghe An's provincial level have to complete its mid-term review of the 2010-2015 congress resolution?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("June 30, 2013");
  });

  it("'why' prefers the sentence that gives a reason", async () => {
    const result = await app.ask("Why was Tu Ky town chosen to hold the model congress?");
    expect(result.answer).toContain("because it consistently performs well");
  });

  it("'how long' is answered by a span of time, not another figure", async () => {
    const result = await app.ask("how long should party cell congresses under the agencies bloc last");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("half a day");
    expect(result.answer).not.toContain("450 full-time cadres");
  });

  it("'how much money' needs a sum of money: a count of units or a document's number is no answer", async () => {
    const result = await app.ask("How much money did Dong Nai approve for the 8 solutions?");
    expect(result.found).toBe(false);
  });

  it("'at which numbered meeting … on the draft for the 11th Congress' is answered by the meeting's number, not the congress's", async () => {
    const result = await app.ask("At which numbered meeting of the Binh Duong Provincial Party Executive Committee did members give ideas on the draft document of the 11th Provincial Party Congress?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("35th session");
  });

  it("'expected' is answered by the report's estimate, whatever its figure reads as", async () => {
    const result = await app.ask("whats the public investment disbursement rate expected by nov 30 2023 as % of the plan?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("49.85%");
  });

  it("a person the question names as context is not its answer; 'who is <name>' still is", async () => {
    const result = await app.ask("who is the head of khanh hoa's provincial organization committee, the official who sat in with Le Minh Hung on oct 2 2024?");
    expect(result.answer).toContain("Nguyen Khac Ha");
    expect(result.answer).not.toMatch(/^Mr\. Le Minh Hung/);
    const who = await app.ask("Who is Le Minh Hung?");
    expect(who.answer).toContain("Head of the Central Organizing Committee");
  });

  it("the head of the province's organization committee is not the head of the Central one", async () => {
    const result = await app.ask("who was head of khanh hoa's provincial party organization committee at the oct 2 2024 online meeting");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("Nguyen Khac Ha");
    // The centre's head is not quoted first.
    expect(result.answer).not.toMatch(/^Mr\. Le Minh Hung/);
  });

  it("'venue of …' is answered by the sentence naming the hall", async () => {
    const result = await app.ask("venue of hai duong's year-end people's council sitting in dec 2022");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("Xu Dong Cultural Center");
  });

  it("'on which days' prefers the sentence giving more than one day, though it shares few of the question's words", async () => {
    const result = await app.ask("On which days is the 12th session of the 17th Hai Duong Provincial People's Council scheduled to take place?");
    expect(result.answer).toContain("December 7 and 8");
    const planned = await app.ask("On which days was Hai Duong provincial People's Council's 12th session (year-end 2022) planned to run?");
    expect(planned.outcome.kind).toBe("answered");
    expect(planned.answer).toContain("December 7 and 8");
    // Asked what days it ran, the plan told in the report of its first day is the meeting under way: quoted beside
    // the opening. ("year-end" is no "end" of the meeting asked about.)
    const ran = await app.ask("what days did Hai Duong's 12th People's Council session (year-end 2022) run?");
    expect(ran.outcome.kind).toBe("answered");
    expect(ran.answer).toContain("December 7 and 8");
  });

  it("a date question citing its meeting's day is answered by another date, in whatever year ('by what date …, per the plan presented on November 13, 2024')", async () => {
    const result = await app.ask("By what date must the Party cells under the departments' Party Committees of the Provincial Agencies Bloc complete their congresses, according to the plan presented at the November 13, 2024 conference?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("March 31, 2025");
    expect(result.answer).not.toContain("morning of November 13");
  });

  it("a deadline question is a date question", async () => {
    const result = await app.ask("deadline for party cell congresses under the provincial agencies bloc");
    expect(result.answer).toContain("March 31, 2025");
  });

  it("'how many members' of a committee is answered by the individuals appointed to it", async () => {
    const result = await app.ask("How many people were appointed to the Hung Yen provincial Party Committee for 2025-2030?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("70 individuals");
  });

  it("'when was it actually held' is not answered by the plan: a near miss that says the date is the one planned", async () => {
    const held = await app.ask("On what date was Tan Chau district's (Tay Ninh) 8th District Party Congress actually held?");
    expect(held.found).toBe(false);
    expect(held.outcome).toMatchObject({ kind: "near_miss", differs: ["modality"], given: [{ value: "August 31", modality: "target" }] });
    expect(held.answer).toContain("before August 31, 2025");
    // Nor is a count "as of January 2025" of the cells that have held theirs the day it was held.
    expect((await app.ask("When was the Tan Chau district party cells' congress actually held?")).found).toBe(false);
    // Asked for the plan or the deadline, the same sentence answers.
    for (const q of ["By what date must Tan Chau district (Tay Ninh) complete its 8th District Party Congress?", "When will Tan Chau's 8th District Party Congress be held?"]) {
      const plan = await app.ask(q);
      expect(plan.outcome.kind, q).toBe("answered");
      expect(plan.answer).toContain("before August 31, 2025");
    }
  });

  it("'name some of the 13 resolutions' quotes the count and the list in the next passage ('Including resolutions on A; B; C; D')", async () => {
    const result = await app.ask("Name some of the 13 resolutions the Binh Thuan Provincial People's Council passed at its 26th (special) session.");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("13 resolutions");
    expect(result.answer).toContain("Duc Linh High School");
  });

  it("a figure followed by a plural of its own counts that ('17 sessions whose resolutions' counts no resolutions)", async () => {
    const result = await app.ask("how many resolutions did the hanoi people's council pass at its 18th session?");
    expect(result.found).toBe(false);
    expect(result.answer).not.toContain("17 sessions");
  });

  it("a date about a ward's congress may come from a sentence about the city the question names with it", async () => {
    const result = await app.ask("what day did the head of the organizing committee inspect preparations for the my phuoc ward congress in ben cat?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("December 18");
  });

  it("'which ward … was picked' is answered by a sentence naming a ward; a ward in a city the report never names is declined", async () => {
    const ward = await app.ask("Which ward in Ben Cat was picked to hold the key grassroots congress?");
    expect(ward.outcome.kind).toBe("answered");
    expect(ward.answer).toContain("My Phuoc Ward");
    const other = await app.ask("which ward in thuan an city was chosen for binh duong's key grassroots congress");
    expect(other.found).toBe(false);
    expect(other.answer).not.toContain("My Phuoc");
  });

  it("a commune the question calls one is not answered by the town's figure; a plan does not answer 'actually end up holding'", async () => {
    const commune = await app.ask("how many party members are there in the minh duc commune party committee in tu ky?");
    expect(commune.found).toBe(false);
    expect(commune.answer).not.toContain("405");
    expect((await app.ask("how many party members does the Tu Ky town party committee have?")).answer).toContain("405 party members");
    const held = await app.ask("so how many regular conferences did hai duong's provincial party exec committee actually end up holding in 2025?");
    expect(held.found).toBe(false);
    // Asked for the year's programme, the plan answers.
    expect((await app.ask("how many regular conferences will hai duong's provincial party executive committee hold in 2025?")).answer).toContain("4 regular conferences");
    // Nor is another kind of conference counted for the one asked.
    const extraordinary = await app.ask("How many extraordinary conferences will the Hai Duong Provincial Party Executive Committee hold in 2025?");
    expect(extraordinary.found).toBe(false);
  });

  it("a figure aimed at is not answered by a count of what there is ('aim to have by 2030', 'will attend')", async () => {
    const aim = await app.ask("how many party members does binh thuan party committee of provincial party agencies aim to have by 2030");
    expect(aim.found).toBe(false);
    expect(aim.answer).not.toContain("564");
    // Nor is a subcommittee's size the number of delegates who will attend the congress.
    const attend = await app.ask("how many delegates will attend binh thuan's 15th provincial party congress 2025-2030");
    expect(attend.found).toBe(false);
    expect(attend.answer).not.toContain("35 comrades");
    // What it had when it was set up is there, dated by the day the passage names (the report has no date).
    const had = await app.ask("how many party members did the binh thuan party committee of provincial party agencies have when it was set up in 2025");
    expect(had.outcome.kind).toBe("answered");
    expect(had.answer).toContain("564 Party members");
  });

  it("a list the chunker splits over passages, its lead atop each, is quoted whole under its lead once", async () => {
    const result = await app.ask("quang tri vote of confidence - which positions are covered?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.citations.length).toBeGreaterThan(1);
    expect(result.answer.match(/a vote of confidence will be taken/g)).toHaveLength(1);
    expect(result.answer.indexOf("including:")).toBeLessThan(result.answer.indexOf("Member of the Standing Committee"));
    for (const item of ["Member of the Standing Committee", "Heads and deputy heads of the Provincial Party Committee's", "Secretary, deputy secretary of district", "Directors and deputy directors", "Fatherland Front"]) expect(result.answer).toContain(item);
  });

  it("'how many decisions did the council adopt' is answered by the resolutions it passed", async () => {
    const result = await app.ask("how many decisions did binh thuan's provincial council adopt at the special sitting in october");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("13 resolutions");
  });

  it("a list whose lead follows the best sentence ('The solutions are:') is quoted on into the next passage", async () => {
    const result = await app.ask("What solutions did Vo Van Mot present for the rest of 2008?");
    expect(result.answer).toContain("inflation curb");
    expect(result.answer).toContain("market control");
  });

  it("'… - who from the secretariat said …' is answered by the speaker, named in full first", async () => {
    const result = await app.ask("org commission teleconf 29/12/2022 - who from the secretariat said personnel work also means replacing people");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("Thuong stressed");
    expect(result.answer).toContain("Vo Van Thuong, permanent member");
  });

  it("'who said…' is answered by a speaker named by surname alone", async () => {
    const result = await app.ask("who said personnel work is not just about choosing people but also replacing them");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("Thuong stressed");
    // …quoting first where the article names him in full (a sentence, not the photo caption).
    expect(result.answer.indexOf("Vo Van Thuong, permanent member")).toBeGreaterThanOrEqual(0);
    expect(result.answer.indexOf("Vo Van Thuong")).toBeLessThan(result.answer.indexOf("Thuong stressed"));
  });

  it("a deputy is not the secretary: 'which deputy secretaries' is answered by the sentence naming them", async () => {
    const result = await app.ask("list the hung yen deputy party secretaries for 2025-2030");
    expect(result.answer).toContain("Nguyen Khac Than");
    expect(result.answer).not.toContain("assigned to hold the Secretary position");
  });

  it("'who chaired' is answered by the sentence with the person and the asked verb, though it shares few other words", async () => {
    const result = await app.ask("Ai chủ trì hội nghị lần thứ 5 Ban Chấp hành Đảng bộ TP.HCM khóa XI tháng 4/2021?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("Nguyen Van Nen");
  });

  it("'who chaired' the meeting of a day: the sentence dated that day, whatever year's work it reviews, before the list of attendees", async () => {
    const result = await app.ask("who chaired the jan 17 2024 online briefing w provincial party secretaries? ninh binh joined as a bridge point");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer.startsWith("On the morning of January 17, comrade Truong Thi Mai")).toBe(true);
  });

  it("'how many party bodies got checked' is answered by 'inspected 400 party organizations'", async () => {
    const result = await app.ask("thai binh 2023 how many party bodies got checked by party cttees");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("400 party organizations");
  });

  it("a sentence is not about the year a document it names was issued ('Resolution 18-NQ/TW dated October 25, 2017' at a 2024 session)", async () => {
    const result = await app.ask("phiên họp thứ 34 bch đảng bộ tp.hcm khóa 11 (12/2024) sơ kết nghị quyết nào của trung ương?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("Resolution 18-NQ/TW");
  });

  it("'how many years' of an anniversary is answered by its ordinal ('the 190th anniversary of the foundation')", async () => {
    for (const q of ["hưng yên kỷ niệm bao nhiêu năm thành lập tỉnh? (ban tổ chức lễ kỷ niệm họp ngày 29/11)", "how many years since hung yen was founded, at the anniversary"]) {
      const result = await app.ask(q);
      expect(result.outcome.kind, q).toBe("answered");
      expect(result.answer, q).toMatch(/190th (founding )?anniversary/);
    }
  });

  it("'lần thứ mấy' is answered by the sentence naming the numbered congress", async () => {
    const result = await app.ask("dai hoi dang bo quan su tinh hai duong nhiem ky 2020-2025 la dai hoi lan thu may");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("the 15th Hai Duong provincial Military Party Congress");
  });

  it("'discussion group no 2' is not answered by the head of Group 1", async () => {
    const result = await app.ask("who led discussion group no 2 at thai binh's mid term review conf");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("Nguyen Quang Hung");
    expect(result.answer).not.toContain("Dang Thanh Giang");
  });

  it("a province's party secretary is not a district's", async () => {
    const result = await app.ask("who is thai binh party secretary");
    expect(result.answer).not.toContain("Thai Thuy");
    expect(result.answer).toContain("Ngo Dong Hai");
  });

  it("'session dates' prefers the sentence giving the days over one giving the opening day", async () => {
    const result = await app.ask("hai duong people's council 12th session dates");
    expect(result.answer).toContain("December 7 and 8");
  });

  it("a day and month the question names must be the report's: 'the oct 19 conference' is not the one of 5 Feb", async () => {
    const result = await app.ask("binh duong party secretary who chaired the oct 19 conference");
    expect(result.answer).not.toContain("Trần Văn Nam");
    const other = await app.ask("binh duong party secretary who chaired the oct 21 conference");
    expect(other.found).toBe(false);
  });

  it("a month named without its year is the latest such month a report answers for", async () => {
    // The newest report is of October 2025; the special session was in October 2024.
    const result = await app.ask("how many resolutions did the binh thuan people's council pass at the special session in october");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("13 resolutions");
    expect(result.filters).toMatchObject({ from: "2024-10-01", to: "2024-10-31" });
    // A year the question gives is kept.
    const dated = await app.ask("how many resolutions did the binh thuan people's council pass at the special session in october 2025");
    expect(dated.found).toBe(false);
  });

  it("'last year' is the figures' period, not the reports' dates: a January report answers, another year's figure is a near miss", async () => {
    // The newest report is of October 2025: last year is 2024.
    const january = await app.ask("how many new party members did bac giang admit last year");
    expect(january.outcome.kind).toBe("answered");
    expect(january.figures).toContain("2,100");
    const other = await app.ask("how many new party members did ha nam admit last year");
    expect(other.outcome).toMatchObject({ kind: "near_miss", differs: ["period"], asked: { period: { from: 2024, to: 2024 } } });
    expect(other.found).toBe(false);
    expect(other.answer).toContain("1,251");
  });

  it("a count given 'as of January 2025' does not answer for the June 15, 2025 deadline", async () => {
    const deadline = await app.ask("how many tan chau party cells had held their congresses by the june 15 2025 deadline");
    expect(deadline.found).toBe(false);
    expect(deadline.answer).not.toContain("40/172");
    const january = await app.ask("how many tan chau party cells had held their congresses as of january 2025");
    expect(january.answer).toContain("40/172");
  });

  it("a person named in lower case is found behind a title ('Secretary … Vuong Dinh Hue'), and 'tell … to deal with' is 'asked … to focus on'", async () => {
    const result = await app.ask("which shortcomings did vuong dinh hue tell hanoi to deal with");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("traffic congestion");
  });

  it("a result asked without a metric of the lexicon is not answered by a target ('total party members' ≠ 'Recruit 150 new party members')", async () => {
    const result = await app.ask("total party members of the kim son district party committee");
    expect(result.found).toBe(false);
    expect(result.answer).not.toContain("150");
  });

  it("'the X rate' of something no metric names is answered only by a figure standing by X", async () => {
    // The Kim Son report gives a poverty rate; nothing gives an unemployment rate.
    const result = await app.ask("kim son unemployment rate 2024");
    expect(result.found).toBe(false);
    expect(result.answer).not.toContain("2%");
  });

  it("a count of one body's members does not answer for another body of the same report (the subcommittee's 35 ≠ the editorial team's)", async () => {
    const team = await app.ask("how many people are on the editorial team helping binh thuan's document subcommittee");
    expect(team.found).toBe(false);
    expect(team.answer).not.toContain("35 comrades");
    const subcommittee = await app.ask("how many people are on binh thuan's document subcommittee");
    expect(subcommittee.answer).toContain("35 comrades");
  });

  it("the day a body was set up is not the day it met; delegates elected to attend another congress did not attend this one", async () => {
    const met = await app.ask("When did Dien Bien's subcommittee on documents for the 15th provincial congress hold its first meeting?");
    expect(met.found).toBe(false);
    expect(met.answer).not.toContain("August 2");
    expect((await app.ask("When was Dien Bien's document subcommittee established?")).answer).toContain("August 2, 2024");
    const attended = await app.ask("How many delegates attended the 19th Hung Yen provincial Party Congress?");
    expect(attended.found).toBe(false);
    expect(attended.answer).not.toContain("19 official delegates");
    expect((await app.ask("how many delegates did hung yen elect to attend the 13th national party congress?")).answer).toContain("19 official delegates");
  });

  it("a list question is answered by the sentence leading into the items it names ('three ratings: …'), not a caption", async () => {
    for (const question of [
      "what rating levels does the Politburo use in the confidence vote at the Central Committee mid-term review?",
      "When the Central Committee votes on how much it trusts Politburo and Secretariat members, what levels can the voters pick from?",
    ]) {
      const result = await app.ask(question);
      expect(result.outcome.kind).toBe("answered");
      expect(result.answer).toContain("high confidence, confidence, and low confidence");
      expect(result.answer).not.toMatch(/^Party Central Committee’s mid-term review holds confidence vote - ảnh/);
    }
  });

  it("a list question is answered by a lead whose last clause names the items ('… noting eight important tasks … in 2023:')", async () => {
    const result = await app.ask("what key tasks did Nguyen Huu Nghia set for Hung Yen's Party Committee for 2023? the main ones");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("eight important tasks");
    expect(result.answer).toContain("leadership capacity");
  });

  it("the day a province met to pass on a session's results is not the session's day, unless that meeting is asked about", async () => {
    const session = await app.ask("when did the 8th session of the 13th party central committee take place");
    expect(session.answer).not.toContain("October 19");
    const briefing = await app.ask("when did binh duong's party standing committee brief officials on the results of the 13th central committee's 8th session?");
    expect(briefing.outcome.kind).toBe("answered");
    expect(briefing.answer).toContain("October 19");
  });

  it("'who … on behalf of <a body>' is the person whose post the sentence gives as it; the person named by given name is context", async () => {
    const loc = await app.ask("When Ms. Thuy checked congress preparations in Ben Cat city on 18 December 2024, which leader of the Binh Duong provincial parliament went along with her?");
    expect(loc.outcome.kind).toBe("answered");
    expect(loc.answer).toMatch(/^Also attending were Mr\. Nguyen Van Loc/);
    const quy = await app.ask("At the Ben Cat inspection in Binh Duong, who was there on behalf of the province's internal affairs department?");
    expect(quy.answer).toContain("Le Huu Quy");
  });

  it("'who headed <a province's body>' (British spelling too) is its head, not the head of the centre's body of that name", async () => {
    const result = await app.ask("Who headed the Ninh Binh Provincial Party Committee's Organisation Committee at the January 17 online briefing with the Standing member of the Secretariat?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("To Van Tu");
    expect(result.answer).not.toContain("Truong Thi Mai");
  });

  it("'how many deputies took part' in a congress counts its representatives", async () => {
    const result = await app.ask("How many deputies took part in the 21st congress of the Hung Yen city Party organisation?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("245 representatives");
  });

  it("'what is <it> meant to achieve' is answered by the sentence stating its aim, not the one naming it most fully", async () => {
    const result = await app.ask("What is Nghe An's vote of confidence under Regulation 96 meant to achieve?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("aims to contribute to assessing the prestige");
  });

  it("'under which regulation …' is answered by a sentence naming one by its number; 'which resolution indicators' asks for indicators", async () => {
    const result = await app.ask("Under which Politburo regulation are the votes of confidence at the mid-term review of the 13th Party Central Committee held?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toMatch(/Regulation (No\. )?96/);
  });

  it("the district a title opens with is a place typed in lower case ('tan chau tay ninh …'), and 'already' ends what is counted", async () => {
    const result = await app.ask("tan chau tay ninh by jan 2025 how many party cells already wrapped up their congress meetings");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("40/172");
  });

  it("'… hội nghị BCH lần thứ mấy' asks the conference's number, though the question names a congress first", async () => {
    const result = await app.ask("tinh uy binh duong hop gop y du thao van kien dai hoi XI thang 2/2020 la hoi nghi BCH lan thu may");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("35th session");
  });

  it("'when' is answered by the sentence naming the meeting where it happens with the one dating that meeting; not for 'actually held'", async () => {
    const result = await app.ask("when's the Hai Duong provincial Party exec committee going to actually vote on personnel work for the 18th Provincial Party Congress?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("vote on personnel work");
    expect(result.answer).toContain("the 26th conference will be held in September 2025");
    expect(result.answer).not.toMatch(/^On the morning of December 4/);
  });

  it("a list question is answered by the sentence naming its items' word then listing them ('weaknesses … such as …')", async () => {
    const result = await app.ask("What weaknesses did Vuong Dinh Hue tell the Hanoi Party Committee's 2nd meeting (Nov 2020) to focus on?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toMatch(/^He asked participants to focus on weaknesses/);
  });

  it("'… runs till when' is not answered by the day it opened", async () => {
    const result = await app.ask("hcmc 34th session 11th exec cmte dec 2024 runs till when");
    expect(result.found).toBe(false);
    expect(result.answer).not.toContain("opened this morning");
  });

  it("a name no report holds is read as the passages found spell it, and says so ('Tan Chao' → Tan Chau)", async () => {
    const result = await app.ask("How many party cells in Tan Chao district had held their congresses by January 2025?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("40/172");
    expect(result.corrections).toContainEqual({ from: "Tan Chao", to: "Tan Chau" });
  });

  it("a province no report is about is declined, though the next word would make a held province ('Thanh Hóa năm' ≠ Ha Nam)", async () => {
    const result = await app.ask("Tỉnh ủy Thanh Hóa năm 2023 kết nạp bao nhiêu đảng viên mới?");
    expect(result.outcome).toMatchObject({ kind: "declined", reason: { kind: "place_not_held", place: "Thanh Hoa" } });
    expect(result.answer).not.toContain("1,251");
  });

  it("'the 26th conference' is not answered by a sentence about the 22nd", async () => {
    const result = await app.ask("hai duong 26th conference of provincial party exec committee - what month");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("September 2025");
    expect(result.answer).not.toContain("December 4");
  });

  it("a fact that counts what 'how many' asks covers the counted word: 'how many people joined the party'", async () => {
    const result = await app.ask("how many people joined the party in ha nam in 2023");
    expect(result.outcome.kind).toBe("answered");
    expect(result.figures).toContain("1,251");
  });

  it("'Binhduong' is Binh Duong, and a possessive is not part of a name", async () => {
    const result = await app.ask("How many officials took part in Binhduong's online conference on October 19, 2023?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("8,300");
    expect(result.corrections).toEqual([{ from: "Binhduong", to: "Binh Duong" }]);
  });
  it("a total the lexicon has no metric for reads the report's passage that counts it ('hong linh town total party members')", async () => {
    const result = await app.ask("hong linh town total party members");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("3,492 Party members");
  });

  it("a count is the asked district's own and all of them: not the town's 3,492 nor Nghi Xuan's 123 new members", async () => {
    const camXuyen = await app.ask("total party members of the cam xuyen district party committee");
    expect(camXuyen.found).toBe(false);
    expect(camXuyen.answer).not.toContain("3,492");
    const nghiXuan = await app.ask("how many party members does nghi xuan district party committee have");
    expect(nghiXuan.found).toBe(false);
    expect(nghiXuan.answer).not.toContain("123 new members");
  });

  it("'how big is the economy' asks the economy's size ('The economic scale in 2023 is estimated to reach 68,358 billion VND')", async () => {
    const result = await app.ask("thai bihn mid term reveiw nov 2023 how big is the ecnomy in 2023");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("68,358 billion VND");
  });

  it("held-out-25: 'which district-level posts' asks about a level, not which district", async () => {
    const result = await app.ask("Which district-level posts are actually included in Quang Tri's plan to take votes of confidence for leaders and managers?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("Secretary, deputy secretary of district party committees");
  });

  it("held-out-25: a baseline asked ('against the previous year') is judged by the facts, not looked for in words", async () => {
    const result = await app.ask("What was the GRDP growth rate of Ha Nam province in 2023 against the previous year?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("9.41%");
  });

  it("held-out-25: a hedged amount ('more than two thousand documents … the exact number') asks for the count of documents", async () => {
    const result = await app.ask("Hung Yen boasts it issued more than two thousand documents in 2022 alone — what is the exact number?");
    expect(result.outcome.kind).toBe("answered");
    expect(result.answer).toContain("2,278 documents");
  });

  it("held-out-25: 'how many times bigger' asks the economy's scale, and a search-box query ending in members their count", async () => {
    const times = await app.ask("Thai Binh claims its economy in 2023 is bigger than in 2020 — how many times bigger compared to 2020, really?");
    expect(times.outcome.kind).toBe("answered");
    expect(times.answer).toContain("1.3 times higher than in 2020");
    const members = await app.ask("hong linh town party members");
    expect(members.outcome.kind).toBe("answered");
    expect(members.answer).toContain("3,492 Party members");
  });
});
