from fazhi.documents.precheck import precheck
from fazhi.documents.tests.conftest import LAWFUL, UNLAWFUL


def test_a_fine_and_a_licence_requirement_are_flagged_at_their_passages():
    findings = precheck(UNLAWFUL)
    assert [(f.rule.code, f.passage) for f in findings] == [
        ("licence", "须经乡政府审批"),
        ("penalty", "处以五百元罚款"),
    ]
    for f in findings:
        assert UNLAWFUL[f.start : f.end] == f.passage
    licence, penalty = findings
    assert UNLAWFUL.index("第二条") < licence.start < UNLAWFUL.index("第三条") < penalty.start
    assert "37号" in penalty.rule.source and "ND-03" in licence.rule.source


def test_a_lawful_text_is_not_flagged():
    assert precheck(LAWFUL) == []


def test_a_fine_restated_from_a_higher_law_with_its_basis_is_not_flagged():
    text = "第四条 乱砍滥伐林木的，依照《中华人民共和国森林法》的规定处以罚款。第五条 违者一律罚款二百元。"
    assert [(f.rule.code, f.passage) for f in precheck(text)] == [("penalty", "违者一律罚款二百元")]


def test_terms_count_only_as_whole_words():
    # "许可" inside "不许可怜" / "批准" as part of a name would be a false hit without word segmentation
    assert precheck("第一条 本办法经乡人民政府常务会议审议通过。") == []
    assert [f.rule.code for f in precheck("经营户须缴纳卫生保证金。")] == ["fee"]


def test_other_prohibitions_carry_their_rule():
    text = "执法人员可以扣押其经营工具。村民办理低保须提供无犯罪记录证明。商户必须购买指定商家的垃圾桶。"
    codes = {f.rule.code for f in precheck(text)}
    assert codes == {"coercion", "proof", "competition", "obligation"}
