import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { looksVietnamese, toEnglishQuestion } from "../../src/question/glossary.js";
import { testApp } from "../helpers/app.js";

describe("Vietnamese questions in the reports' words", () => {
  it.each([
    ["Tỉnh ủy Hà Nam kết nạp bao nhiêu đảng viên năm 2023?", "Provincial Party Committee Ha Nam admitted how many party members in 2023?"],
    ["tinh uy ha nam ket nap bao nhieu dang vien nam 2023", "Provincial Party Committee Ha Nam admitted how many party members in 2023"],
    ["Thu ngân sách của thị xã Hồng Lĩnh năm 2023 đạt bao nhiêu?", "budget revenue of Hong Linh town in 2023 reached how many?"],
    ["Huyện Cẩm Xuyên có thêm bao nhiêu sản phẩm OCOP 3 sao trong năm 2023?", "Cam Xuyen district added how many products OCOP 3-star in 2023?"],
    ["Ai chủ trì hội nghị của Tỉnh uỷ Thái Bình?", "who chaired conference of Provincial Party Committee Thai Binh?"],
    ["Hội nghị lần thứ 17 bế mạc vào ngày nào?", "17th conference closed on what date?"],
    // "theo …" names the source; "hiện có" is what there is now; "đạt bao nhiêu" counts no noun of the source after it.
    ["Thu nhập bình quân đầu người của tỉnh Thái Bình năm 2023 đạt bao nhiêu (theo hội nghị sơ kết)?", "average income per capita of Thai Binh province in 2023 reached how many according to conference review?"],
    ["Thị xã Hồng Lĩnh hiện có bao nhiêu đảng viên", "Hong Linh town currently has how many party members"],
    ["Hội nghị được tổ chức trực tuyến ở bao nhiêu điểm cầu?", "conference held online in how many points?"],
    ["nghi quyet nang cap tram y te, la bao nhieu tram vay?", "Resolution upgrading medical stations how many stations?"],
    ["ai thay mặt đoàn chủ tịch gợi ý thảo luận", "who on behalf of the Presidium suggested discussions"],
    ["ai chủ trì hội nghị Ban Tổ chức Trung ương chiều 2/10/2024", "who chaired conference Central Organizing Committee afternoon 2/10/2024"],
    ["Đại hội chi bộ trực thuộc Đảng ủy Khối tổ chức trong bao lâu, nửa ngày hay cả ngày?", "Congress Party cells under Party Committee bloc held how long half a day a full day?"],
    ["Hội nghị BCH Đảng bộ tỉnh Bình Dương ngày 5/2/2020 là hội nghị lần thứ mấy", "conference Executive Committee Provincial Party Committee Binh Duong February 5, 2020 conference what ordinal"],
    // A Roman numeral numbers the congress; the province in brackets after a district is a place of its own.
    ["Huyện Tân Châu (Tây Ninh) phải tổ chức xong Đại hội Đảng bộ huyện lần thứ VIII trước ngày nào?", "Tan Chau district Tay Ninh must complete Party Congress 8th by what date?"],
    // Members of a committee are counted as members; ethnic minorities are the reports' "ethnic minority groups".
    ["dai hoi dang bo tinh hung yen lan thu XIX bau bao nhieu uy vien ban chap hanh", "Party Congress Hung Yen province 19th elected how many members Executive Committee"],
    ["tinh binh phuoc co bao nhieu dan toc thieu so", "Binh Phuoc province has how many ethnic minority groups"],
    ["nghe an lay phieu tin nhiem vao nam thu may cua nhiem ky", "Nghe An vote of confidence which year of term"],
    ["cấp tỉnh phải làm xong việc đánh giá giữa nhiệm kỳ trước ngày nào?", "provincial level must complete mid-term review by what date?"],
    // Everyday and chat Vietnamese, with English mixed in.
    ["Tỉnh đặt ra bao nhiêu chương trình?", "set how many programs?"],
    ["ha nam tinh uy muon new party members tang bao nhieu % moi nam", "Ha Nam Provincial Party Committee wants party members increased what percentage annually"],
    ["du thao bao cao chinh tri lai chau trinh dh 15 co bao nhieu phuong an cho chuong trinh trong tam", "draft political report Lai Chau submitted to Congress 15 has how many options for key programs"],
    ["thuong truc tinh uy ha nam hop 25/1 cho y kien dieu chinh chu truong dau tu", "Standing Board of the Provincial Party Committee Ha Nam met 25/1 gave opinions on adjusting the investment policy"],
    ["Năm 2023 huyện Nghi Xuân đón được bao nhiêu lượt khách nước ngoài?", "in 2023 Nghi Xuan district welcomed how many visitors?"],
    ["có mấy mức tín nhiệm, gồm những mức nào?", "how many levels confidence which levels?"],
    // A meeting's kind after its noun; a count of years; the national congress a delegation attends.
    ["nam 2025 BCH Dang bo tinh Hai Duong hop bao nhieu hoi nghi thuong ky?", "in 2025 Executive Committee Provincial Party Committee Hai Duong met how many regular conferences?"],
    ["tang truong kinh te binh quan 3 nam cua ha nam la bao nhieu", "economic growth average 3 years of Ha Nam how many"],
    ["Đại hội Đảng bộ tỉnh Hưng Yên bầu bao nhiêu đại biểu chính thức đi dự Đại hội toàn quốc lần thứ XIII?", "Party Congress Hung Yen province elected how many official delegates to attend 13th National congress?"],
    // "Quân sự" is military (no "quận"); "cho tôi hỏi" asks leave to ask; "vào thời gian nào" is when.
    ["cho toi hoi Dai hoi Dang bo Quan su tinh Hai Duong lan thu 15 du kien to chuc vao thoi gian nao a", "Party Congress military Hai Duong province 15th expected to be held when"],
    ["Cho tôi hỏi Đại hội Đảng bộ Quân sự tỉnh Hải Dương dự kiến tổ chức vào thời gian nào ạ", "Party Congress military Hai Duong province expected to be held when"],
    // "những hạn chế, yếu kém nào": which limitations and weaknesses; "TP Hà Nội" the city.
    ["Bi thu yeu cau khac phuc nhung han che, yeu kem nao?", "Secretary requested overcome which limitations weaknesses?"],
    ["BCH Dang bo TP Ha Noi", "Executive Committee Party Committee Hanoi city"],
    // "tham mưu giúp việc": advisory and support.
    ["4 cơ quan tham mưu giúp việc là những cơ quan nào?", "4 agencies advisory and support which agencies?"],
  ])("%s", (vi, en) => {
    expect(toEnglishQuestion(vi)).toBe(en);
  });

  it("leaves English questions alone, even with accented names", () => {
    for (const q of ["How many party members were disciplined in Hà Nam in 2023?", "How many of its goals did Diễn Châu district hit?", "Who chaired?"]) {
      expect(looksVietnamese(q)).toBe(false);
      expect(toEnglishQuestion(q)).toBe(q);
    }
  });
});

describe("Vietnamese questions about the English seed reports, with the offline model", () => {
  let app: App;
  beforeAll(async () => {
    ({ app } = await testApp());
  });
  afterAll(() => app?.close());

  const answers: [string, string, string][] = [
    ["Tỉnh ủy Hà Nam kết nạp bao nhiêu đảng viên trong năm 2023?", "1,251", "000_0a7ecdbcfacbb317"],
    ["tinh uy ha nam ket nap bao nhieu dang vien nam 2023", "1,251", "000_0a7ecdbcfacbb317"],
    ["Năm 2023 Hà Nam thi hành kỷ luật bao nhiêu đảng viên?", "110 party members", "000_0a7ecdbcfacbb317"],
    ["Tổng sản phẩm trên địa bàn tỉnh Hà Nam năm 2023 tăng bao nhiêu phần trăm?", "9.41%", "000_0a7ecdbcfacbb317"],
    ["Ai chủ trì hội nghị giữa nhiệm kỳ của Tỉnh ủy Thái Bình?", "Ngo Dong Hai", "003_e632ea0e1a981b2d"],
    ["Bí thư Tỉnh ủy Hải Dương là ai?", "Tran Duc Thang", "001_6a067cee5454fe4d"],
    ["Hội nghị Ban Chấp hành Đảng bộ tỉnh Hải Dương lần thứ 17 bế mạc vào ngày nào?", "December 1", "001_6a067cee5454fe4d"],
    ["Thu ngân sách của thị xã Hồng Lĩnh năm 2023 đạt bao nhiêu?", "300 billion", "004_52203acd06f8b5c8"],
    ["Huyện Nghi Xuân kết nạp bao nhiêu đảng viên mới năm 2023?", "123 new members", "004_52203acd06f8b5c8"],
    ["Huyện Cẩm Xuyên đặt mục tiêu kết nạp bao nhiêu đảng viên năm 2024?", "200 new party members", "004_52203acd06f8b5c8"],
    ["Tăng trưởng GRDP của Hưng Yên năm 2022 đạt bao nhiêu?", "13.4%", "002_e56c2869da385239"],
    ["Thái Bình thu hút bao nhiêu vốn FDI?", "1 billion USD", "003_e632ea0e1a981b2d"],
  ];
  it.each(answers)("%s → %s", async (question, expected, articleId) => {
    const result = await app.ask(question);
    expect(result.found, result.answer).toBe(true);
    expect(result.answer).toContain(expected);
    const cited = result.citations.filter((c) => c.passage.includes(expected));
    expect(cited.length, "the figure is in a cited passage").toBeGreaterThan(0);
    expect(cited[0]!.articleId).toBe(articleId);
    expect(result.question).toBe(question);
  });

  it.each([
    // Thai Binh's report does not say how many members it admitted; Ha Nam's 1,251 must not stand in for it.
    ["Tỉnh ủy Thái Bình kết nạp bao nhiêu đảng viên năm 2023?", ["1,251", "123"]],
    ["Hưng Yên kết nạp bao nhiêu đảng viên mới năm 2022?", ["1,251", "123"]],
    ["Dân số Thành phố Hồ Chí Minh là bao nhiêu?", []],
    ["Bí thư Thành ủy Hà Nội là ai?", ["Le Thi Thuy", "Tran Duc Thang"]],
  ])("declines %s", async (question, wrong) => {
    const result = await app.ask(question);
    expect(result.found).toBe(false);
    for (const w of wrong) expect(result.answer).not.toContain(w);
  });
});
